/// Go's run-time panics, with Go's words. `fatalError` keeps its message in release builds,
/// where `precondition` would drop it.
@usableFromInline
enum Trap {
    @usableFromInline @inline(never)
    static func sendOnClosedChannel() -> Never { fatalError("send on closed channel") }

    @usableFromInline @inline(never)
    static func closeOfClosedChannel() -> Never { fatalError("close of closed channel") }

    @usableFromInline @inline(never)
    static func negativeWaitGroupCounter() -> Never { fatalError("sync: negative WaitGroup counter") }

    @usableFromInline @inline(never)
    static func channelSizeOutOfRange() -> Never { fatalError("makechan: size out of range") }

    @usableFromInline @inline(never)
    static func nonPositiveInterval(_ caller: String) -> Never {
        fatalError("non-positive interval for \(caller)")
    }
}
