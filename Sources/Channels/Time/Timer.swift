/// A single event delivered on a channel after a delay. Go: `time.Timer` (`time.NewTimer`).
///
/// ```swift
/// let timer = Timer(after: .seconds(1))
/// _ = try await timer.channel.receive()   // <-timer.C
/// ```
///
/// Go 1.23 semantics: after `stop()` or `reset(_:)` returns, no value from before the call is
/// received. Works with any `Clock`; tests drive it with `ManualClock`.
/// (If you also import Foundation, which has its own `Timer`, write `Channels.Timer`.)
public final class Timer<C: Clock>: Sendable {
    /// Delivers the clock's time when the timer fires. Go: `t.C`.
    public let channel: ReceiveChan<C.Instant>
    private let core: TimerCore<C>

    /// Whether the timer is armed in the process's timer heap (a test hook).
    package var isInTimerHeap: Bool { core.isInTimerHeap }

    /// Starts a timer that fires once after `delay` on `clock`. Go: `time.NewTimer(d)`, with
    /// any clock.
    public init(after delay: C.Duration, clock: C) {
        let storage = ChannelStorage<C.Instant>(capacity: 1, isTimerChannel: true)
        channel = ReceiveChan(storage: storage)
        core = TimerCore(clock: clock)
        core.start(deadline: clock.now.advanced(by: delay), period: nil, channel: storage)
    }

    /// Prevents the timer from firing. Returns true if this call stopped it, false if it had
    /// already fired (and its value was received) or been stopped. Go: `t.Stop()`.
    @discardableResult
    public func stop() -> Bool {
        let wasPending = core.stop()
        let drained = channel.storage.drainTimerValue()
        return wasPending || drained
    }

    /// Re-arms the timer to fire after `delay`, discarding any unreceived value. Returns
    /// whether the timer was active. Go: `t.Reset(d)`.
    @discardableResult
    public func reset(_ delay: C.Duration) -> Bool {
        let wasActive = stop()
        core.start(deadline: core.clock.now.advanced(by: delay), period: nil, channel: channel.storage)
        return wasActive
    }
}

extension Timer where C == ContinuousClock {
    /// Starts a timer on the continuous clock. Go: `time.NewTimer(d)`.
    public convenience init(after delay: Duration) {
        self.init(after: delay, clock: ContinuousClock())
    }
}

/// A channel that delivers the time once, after `delay`. Go: `time.After(d)`.
public func after<C: Clock>(_ delay: C.Duration, clock: C) -> ReceiveChan<C.Instant> {
    // A Timer without the Timer object, which nobody could reach: the armed entry (or task)
    // keeps the core alive until it fires.
    let storage = ChannelStorage<C.Instant>(capacity: 1, isTimerChannel: true)
    TimerCore(clock: clock).start(deadline: clock.now.advanced(by: delay), period: nil, channel: storage)
    return ReceiveChan(storage: storage)
}

/// A channel that delivers the time once, after `delay`. Go: `time.After(d)`.
public func after(_ delay: Duration) -> ReceiveChan<ContinuousClock.Instant> {
    after(delay, clock: ContinuousClock())
}
