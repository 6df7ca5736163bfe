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

    @inlinable
    public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
        do {
            return try await storage.receive(isolation: actor)
        } catch {
            return nil
        }
    }

    @inlinable
    public mutating func next() async -> Element? {
        await next(isolation: nil)
    }
}

extension Chan: AsyncSequence {
    public typealias Failure = Never

    @inlinable
    public func makeAsyncIterator() -> ChannelIterator<Element> {
        ChannelIterator(storage: storage)
    }
}

extension ReceiveChan: AsyncSequence {
    public typealias Failure = Never

    @inlinable
    public func makeAsyncIterator() -> ChannelIterator<Element> {
        ChannelIterator(storage: storage)
    }
}
