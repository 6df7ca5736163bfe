/// What a non-blocking receive found. Go: which branch of
/// `select { case v, ok := <-ch: … default: … }` ran, and `ok`.
@frozen
public enum TryReceiveResult<Element: Sendable>: Sendable {
    /// A value was received.
    case value(Element)
    /// Receiving would have waited: nothing is buffered and no sender is ready.
    case wouldBlock
    /// The channel is closed and drained.
    case closed

    /// The received value, or nil for `.wouldBlock` and `.closed`.
    @inlinable
    public var value: Element? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension TryReceiveResult: Equatable where Element: Equatable {}
extension TryReceiveResult: Hashable where Element: Hashable {}

extension Chan {
    /// Receives the next value, waiting until one is available. Returns nil once the channel is
    /// closed and every buffered value has been received. Go: `v, ok := <-ch`.
    ///
    /// If the task is cancelled while waiting, nothing is received and `CancellationError` is
    /// thrown, so "closed" (nil) and "cancelled" (the error) never look alike.
    @inlinable @inline(__always)
    nonisolated(nonsending) public func receive() async throws(CancellationError) -> Element? {
        try await storage.receive()
    }

    /// Receives without waiting. Go: `select { case v, ok := <-ch: … default: … }`.
    @inlinable @discardableResult
    public func tryReceive() -> TryReceiveResult<Element> {
        storage.tryReceive()
    }

    /// Receives on a plain thread, blocking the thread (not a task) until a value arrives or
    /// the channel is closed and drained. See `sendBlocking(_:)` for where to use it.
    /// Go: `v, ok := <-ch`.
    @inlinable
    public func receiveBlocking() -> Element? {
        storage.receiveBlocking()
    }
}
