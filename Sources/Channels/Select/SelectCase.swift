/// One case of a `select`: a receive, a send, or the `otherwise` (default) case.
///
/// Make cases with `receive(from:_:)`, `send(_:to:_:)` and `otherwise(_:)`, inside a
/// `select { … }` block or in an array for the dynamic `select(cases:)`. The handler runs only
/// if its case is chosen, in the isolation of the code that called `select`, so it may capture
/// and mutate local state. Go: a `case` operation of a `select` statement.
public struct SelectCase<Result> {
    @usableFromInline
    enum Kind {
        case channel(SelectOperation<Result>)       // a receive or send on a present channel
        case otherwise(_ handler: nonisolated(nonsending) () async throws -> Result)  // Go's `default`
        case disabled                                // an absent (nil) channel: never ready
    }

    @usableFromInline let kind: Kind
    /// The lock of a channel case's channel, held here so that ordering the cases and taking
    /// their locks reads a plain value, not the operation object. Its address is the channel's
    /// place in the global lock order, as a channel's address is in Go.
    @usableFromInline let channelLock: PthreadLock?

    @inlinable
    init(_ kind: Kind, channelLock: PthreadLock? = nil) {
        self.kind = kind
        self.channelLock = channelLock
    }
}

/// A receive case: chosen when `channel` has a value or is closed. The handler gets the value,
/// or nil if the channel is closed. A nil channel disables the case, as in Go.
/// Go: `case v, ok := <-ch:`.
@inlinable
public func receive<Element, Result>(
    from channel: Chan<Element>?,
    _ handler: nonisolated(nonsending) @escaping (Element?) async throws -> Result
) -> SelectCase<Result> {
    guard let channel else { return SelectCase(.disabled) }
    return SelectCase(.channel(SelectReceive(storage: channel.storage, handler: handler)), channelLock: channel.storage.lock)
}

/// A receive case on a receive-only channel. See `receive(from:_:)`. Go: `case v, ok := <-ch:`
/// with `ch` a `<-chan T`.
@inlinable
public func receive<Element, Result>(
    from channel: ReceiveChan<Element>?,
    _ handler: nonisolated(nonsending) @escaping (Element?) async throws -> Result
) -> SelectCase<Result> {
    guard let channel else { return SelectCase(.disabled) }
    return SelectCase(.channel(SelectReceive(storage: channel.storage, handler: handler)), channelLock: channel.storage.lock)
}

/// A send case: chosen when `channel` can take `value` now. If another case is chosen, the value
/// is not sent and is released. Choosing a send on a closed channel traps with "send on closed
/// channel", as Go panics. A nil channel disables the case. Go: `case ch <- v:`.
@inlinable
public func send<Element, Result>(
    _ value: Element,
    to channel: Chan<Element>?,
    file: StaticString = #fileID, line: UInt = #line,
    _ handler: nonisolated(nonsending) @escaping () async throws -> Result
) -> SelectCase<Result> {
    guard let channel else { return SelectCase(.disabled) }
    let site = CallSite(file: file, line: line)
    return SelectCase(.channel(SelectSend(storage: channel.storage, value: value, site: site, handler: handler)), channelLock: channel.storage.lock)
}

/// A send case on a send-only channel. See `send(_:to:_:)`. Go: `case ch <- v:` with `ch` a
/// `chan<- T`.
@inlinable
public func send<Element, Result>(
    _ value: Element,
    to channel: SendChan<Element>?,
    file: StaticString = #fileID, line: UInt = #line,
    _ handler: nonisolated(nonsending) @escaping () async throws -> Result
) -> SelectCase<Result> {
    guard let channel else { return SelectCase(.disabled) }
    let site = CallSite(file: file, line: line)
    return SelectCase(.channel(SelectSend(storage: channel.storage, value: value, site: site, handler: handler)), channelLock: channel.storage.lock)
}

/// The case chosen when no other case is ready: it makes the select non-blocking.
/// A select may have at most one. Go: `default:`.
@inlinable
public func otherwise<Result>(_ handler: nonisolated(nonsending) @escaping () async throws -> Result) -> SelectCase<Result> {
    SelectCase(.otherwise(handler))
}
