/// The send half of a channel: it can send and close, not receive. Go: `chan<- T`.
///
/// Get one from a channel with `ch.sendOnly` or `SendChan(ch)`; it compares equal to every
/// other view of the same channel.
@frozen
public struct SendChan<Element: Sendable>: Sendable, Hashable {
    @usableFromInline let storage: ChannelStorage<Element>

    @inlinable
    init(storage: ChannelStorage<Element>) { self.storage = storage }

    /// The send half of `channel`. Go: passing a `chan T` where a `chan<- T` is expected.
    @inlinable
    public init(_ channel: Chan<Element>) { self.storage = channel.storage }

    /// See `Chan.send(_:)`. Go: `ch <- v`.
    @inlinable @inline(__always)
    nonisolated(nonsending) public func send(
        _ value: Element, file: StaticString = #fileID, line: UInt = #line
    ) async throws(CancellationError) {
        try await storage.send(value, at: CallSite(file: file, line: line))
    }

    /// Sends without waiting; see `Chan.trySend(_:)`. Go: `select { case ch <- v: … default: … }`.
    @inlinable @discardableResult
    public func trySend(_ value: Element) -> TrySendResult { storage.trySend(value) }

    /// Sends from a plain thread; see `Chan.sendBlocking(_:)`. Go: `ch <- v`.
    @inlinable
    public func sendBlocking(_ value: Element, file: StaticString = #fileID, line: UInt = #line) {
        storage.sendBlocking(value, at: CallSite(file: file, line: line))
    }

    /// See `Chan.close()`. Go: `close(ch)`.
    @inlinable
    public func close(file: StaticString = #fileID, line: UInt = #line) {
        storage.close(at: CallSite(file: file, line: line))
    }

    /// Go: `len(ch)`.
    @inlinable
    public var count: Int { storage.count }

    /// Go: `cap(ch)`.
    @inlinable
    public var capacity: Int { storage.capacity }

    /// Two views are equal when they show the same channel. Go: `ch1 == ch2`.
    @inlinable
    public static func == (lhs: SendChan, rhs: SendChan) -> Bool { lhs.storage === rhs.storage }

    /// Hashes the channel's identity. Go: a `chan<- T` as a map key.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
}

/// The receive half of a channel: it can receive, not send or close. Go: `<-chan T`.
///
/// Get one from a channel with `ch.receiveOnly` or `ReceiveChan(ch)`.
@frozen
public struct ReceiveChan<Element: Sendable>: Sendable, Hashable {
    @usableFromInline let storage: ChannelStorage<Element>

    /// The channel's shared body, for tests that watch its lifetime.
    package var storageObject: AnyObject { storage }

    @inlinable
    init(storage: ChannelStorage<Element>) { self.storage = storage }

    /// The receive half of `channel`. Go: passing a `chan T` where a `<-chan T` is expected.
    @inlinable
    public init(_ channel: Chan<Element>) { self.storage = channel.storage }

    /// See `Chan.receive()`. Go: `v, ok := <-ch`.
    @inlinable @inline(__always)
    nonisolated(nonsending) public func receive() async throws(CancellationError) -> Element? {
        try await storage.receive()
    }

    /// Receives without waiting; see `Chan.tryReceive()`. Go: `select { case v := <-ch: … default: … }`.
    @inlinable @discardableResult
    public func tryReceive() -> TryReceiveResult<Element> { storage.tryReceive() }

    /// Receives on a plain thread; see `Chan.receiveBlocking()`. Go: `v, ok := <-ch`.
    @inlinable
    public func receiveBlocking() -> Element? { storage.receiveBlocking() }

    /// Go: `len(ch)`.
    @inlinable
    public var count: Int { storage.count }

    /// Go: `cap(ch)`.
    @inlinable
    public var capacity: Int { storage.capacity }

    /// Two views are equal when they show the same channel. Go: `ch1 == ch2`.
    @inlinable
    public static func == (lhs: ReceiveChan, rhs: ReceiveChan) -> Bool { lhs.storage === rhs.storage }

    /// Hashes the channel's identity. Go: a `<-chan T` as a map key.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
}
