/// What a non-blocking send did. Go: which branch of `select { case ch <- v: … default: … }` ran.
@frozen
public enum TrySendResult: Sendable, Hashable {
    /// A receiver or the buffer took the value.
    case sent
    /// Sending would have waited: no receiver is ready and the buffer is full (or absent).
    case wouldBlock
    /// The channel is closed; nothing was sent. Unlike `send`, this does not trap.
    case closed
}

extension Chan {
    /// Sends a value, waiting until a receiver takes it or the buffer has room. Go: `ch <- v`.
    ///
    /// Sending on a closed channel traps with "send on closed channel", as Go panics, and so does
    /// a send that is waiting when the channel is closed. If the task is cancelled while
    /// waiting, nothing is sent and `CancellationError` is thrown; the value stays with you.
    @inlinable @inline(__always)
    nonisolated(nonsending) public func send(
        _ value: Element, file: StaticString = #fileID, line: UInt = #line
    ) async throws(CancellationError) {
        try await storage.send(value, at: CallSite(file: file, line: line))
    }

    /// Sends without waiting. Go: `select { case ch <- v: … default: … }`.
    @inlinable @discardableResult
    public func trySend(_ value: Element) -> TrySendResult {
        storage.trySend(value)
    }

    /// Sends from a plain thread, blocking the thread (not a task) until the value is taken.
    ///
    /// For threads that are not part of Swift's cooperative pool (a `Thread`, a C callback
    /// thread). Blocking a pool thread this way can starve other tasks; from a task, use `send`.
    /// Go: `ch <- v`.
    @inlinable
    public func sendBlocking(_ value: Element, file: StaticString = #fileID, line: UInt = #line) {
        storage.sendBlocking(value, at: CallSite(file: file, line: line))
    }
}
