/// A typed conduit between goroutines: Go's `chan T`.
///
/// A channel made with `Chan()` is unbuffered: each send waits for a receiver and the two meet.
/// `Chan(capacity: n)` holds up to `n` values before senders wait. Values come out in the order
/// they went in. A channel compares and hashes by identity, like Go's channel values, so it can
/// key a dictionary or a set.
///
/// ```swift
/// let ch = Chan<Int>()              // make(chan int)
/// go { try await ch.send(42) }      // go func() { ch <- 42 }()
/// let v = try await ch.receive()    // v, ok := <-ch
/// ```
///
/// Every operation works from any isolation (a task, an actor, `@MainActor` code) and from plain
/// threads through the blocking forms. A task cancelled while it waits throws
/// `CancellationError` and has sent or received nothing.
///
/// Go: `chan T`, `make(chan T)`, `make(chan T, n)`.
@frozen
public struct Chan<Element: Sendable>: Sendable {
    @usableFromInline let storage: ChannelStorage<Element>

    /// Makes an unbuffered channel. Go: `make(chan T)`.
    @inlinable
    public init() {
        storage = ChannelStorage(capacity: 0)
    }

    /// Makes a channel that buffers up to `capacity` values; 0 makes it unbuffered.
    /// A negative capacity traps with "makechan: size out of range", as Go panics.
    /// Go: `make(chan T, capacity)`.
    @inlinable
    public init(capacity: Int, file: StaticString = #fileID, line: UInt = #line) {
        storage = ChannelStorage(capacity: capacity, at: CallSite(file: file, line: line))
    }

    /// Makes a channel with a label, which `Goroutines.dump()` shows for the goroutines blocked
    /// on it. Go has no such label.
    @inlinable
    public init(capacity: Int = 0, label: String, file: StaticString = #fileID, line: UInt = #line) {
        storage = ChannelStorage(capacity: capacity, label: label, at: CallSite(file: file, line: line))
    }

    @inlinable
    init(storage: ChannelStorage<Element>) {
        self.storage = storage
    }

    /// The number of values waiting in the buffer. Go: `len(ch)`.
    @inlinable
    public var count: Int { storage.count }

    /// The size of the buffer; 0 for an unbuffered channel. Go: `cap(ch)`.
    @inlinable
    public var capacity: Int { storage.capacity }

    /// Closes the channel: no more values may be sent, receivers drain what is buffered and then
    /// get `nil`. Every sender blocked on the channel traps with "send on closed channel", and
    /// closing twice traps with "close of closed channel", as in Go. Go: `close(ch)`.
    @inlinable
    public func close(file: StaticString = #fileID, line: UInt = #line) {
        storage.close(at: CallSite(file: file, line: line))
    }

    /// This channel's send half, for a function that may only send. Go: `chan<- T`.
    @inlinable
    public var sendOnly: SendChan<Element> { SendChan(storage: storage) }

    /// This channel's receive half, for a function that may only receive. Go: `<-chan T`.
    @inlinable
    public var receiveOnly: ReceiveChan<Element> { ReceiveChan(storage: storage) }
}

extension Chan: Hashable {
    /// Two channels are equal when they are the same channel. Go: `ch1 == ch2`.
    @inlinable
    public static func == (lhs: Chan, rhs: Chan) -> Bool { lhs.storage === rhs.storage }

    /// Hashes the channel's identity, so that a channel can key a dictionary or a set.
    /// Go: a channel as a map key.
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
}

extension Chan: CustomStringConvertible {
    /// The element type, capacity and current count, for logging. Go: `fmt.Print(ch)` prints
    /// an address instead.
    public var description: String {
        let name = storage.label.map { ", label: \(String(reflecting: $0))" } ?? ""
        return "Chan<\(Element.self)>(capacity: \(capacity), count: \(count)\(name))"
    }
}
