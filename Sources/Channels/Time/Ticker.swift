/// Delivers the time on a channel at regular intervals. Go: `time.Ticker` (`time.NewTicker`).
///
/// A receiver that falls behind misses ticks rather than getting a burst: the channel holds at
/// most one pending tick, as in Go. After `stop()` or `reset(every:)` returns, no tick from
/// before the call is received. The ticker runs while its channel is referenced.
public final class Ticker<C: Clock>: Sendable {
    /// Delivers the clock's time at each tick. Go: `t.C`.
    public let channel: ReceiveChan<C.Instant>
    private let core: TimerCore<C>

    /// Whether the timer is armed in the process's timer heap (a test hook).
    package var isInTimerHeap: Bool { core.isInTimerHeap }

    /// Starts a ticker with the given period on `clock`. A period that is not positive traps
    /// with "non-positive interval for NewTicker", as Go panics. Go: `time.NewTicker(d)`, with
    /// any clock.
    public init(every period: C.Duration, clock: C, file: StaticString = #fileID, line: UInt = #line) {
        if period <= .zero { Trap.nonPositiveInterval("NewTicker", at: CallSite(file: file, line: line)) }
        let storage = ChannelStorage<C.Instant>(capacity: 1, isTimerChannel: true)
        channel = ReceiveChan(storage: storage)
        core = TimerCore(clock: clock)
        core.start(deadline: clock.now.advanced(by: period), period: period, channel: storage)
    }

    /// Turns the ticker off; no more ticks are received. Go: `t.Stop()`.
    public func stop() {
        _ = core.stop()
        _ = channel.storage.drainTimerValue()
    }

    /// Stops the ticker and restarts it with a new period; the next tick comes one period from
    /// now. Go: `t.Reset(d)`.
    public func reset(every period: C.Duration, file: StaticString = #fileID, line: UInt = #line) {
        if period <= .zero { Trap.nonPositiveInterval("Ticker.Reset", at: CallSite(file: file, line: line)) }
        stop()
        core.start(deadline: core.clock.now.advanced(by: period), period: period, channel: channel.storage)
    }
}

extension Ticker where C == ContinuousClock {
    /// Starts a ticker on the continuous clock. Go: `time.NewTicker(d)`.
    public convenience init(every period: Duration, file: StaticString = #fileID, line: UInt = #line) {
        self.init(every: period, clock: ContinuousClock(), file: file, line: line)
    }
}

/// A channel that delivers the time every `period`. Go: `time.Tick(d)`.
///
/// As in Go, a period that is not positive gives a channel that never delivers. The ticker stops
/// once the channel is no longer referenced.
public func tick<C: Clock>(_ period: C.Duration, clock: C) -> ReceiveChan<C.Instant> {
    guard period > .zero else { return Chan<C.Instant>().receiveOnly }
    return Ticker(every: period, clock: clock).channel
}

/// A channel that delivers the time every `period`. Go: `time.Tick(d)`.
public func tick(_ period: Duration) -> ReceiveChan<ContinuousClock.Instant> {
    tick(period, clock: ContinuousClock())
}
