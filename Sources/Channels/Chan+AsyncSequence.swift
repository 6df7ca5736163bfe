/// Iterates a channel's values until it is closed and drained. Go: `for v := range ch`.
///
/// Iteration also ends when the iterating task is cancelled; check `Task.isCancelled` after the
/// loop if you need to tell the two apart. A value is never lost to cancellation: the iterator
/// either returns it or has not taken it.
@frozen
public struct ChannelIterator<Element: Sendable>: AsyncIteratorProtocol {
    @usableFromInline let storage: ChannelStorage<Element>

    @inlinable
    init(storage: ChannelStorage<Element>) { self.storage = storage }

    /// The next value, or nil once the channel is closed and drained or the task is cancelled.
    /// Runs in the caller's isolation. Go: one step of `for v := range ch`.
    @inlinable
    public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
        do {
            return try await storage.receive()
        } catch {
            return nil
        }
    }

    /// The next value, like `next(isolation:)` without an actor. Go: one step of `for v := range ch`.
    @inlinable
    public mutating func next() async -> Element? {
        do {
            return try await storage.receive()
        } catch {
            return nil
        }
    }
}

extension Chan: AsyncSequence {
    /// Iterating a channel never throws: cancellation ends the loop instead.
    public typealias Failure = Never

    /// An iterator over the channel's values. Go: `for v := range ch`.
    @inlinable
    public func makeAsyncIterator() -> ChannelIterator<Element> {
        ChannelIterator(storage: storage)
    }
}

extension ReceiveChan: AsyncSequence {
    /// Iterating a channel never throws: cancellation ends the loop instead.
    public typealias Failure = Never

    /// An iterator over the channel's values. Go: `for v := range ch`.
    @inlinable
    public func makeAsyncIterator() -> ChannelIterator<Element> {
        ChannelIterator(storage: storage)
    }
}
