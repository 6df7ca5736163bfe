import Synchronization

/// The engine shared by `Timer`, `Ticker`, `after` and `tick`. On the real clocks
/// (`ContinuousClock`, `SuspendingClock`) an armed timer is an entry in the process's
/// `TimerHeap`; on any other `Clock` (a `ManualClock`, a test's own) it is a task sleeping on
/// that clock.
///
/// Stale values: every start or stop bumps `generation`, and a firing task delivers only while
/// the generation it was started with is current, checked under the channel's lock. A stop
/// bumps the generation and then drains the channel under that same lock, so once it returns
/// no value from before it can be received (Go 1.23's guarantee).
///
/// Lifetime: the heap entry or the task holds the channel weakly. When nobody references the channel any more,
/// the timer stops at its next firing, as Go 1.23 collects unreferenced timers and tickers.
@usableFromInline
final class TimerCore<C: Clock>: @unchecked Sendable {
    // Invariant: `state` is read and written only inside `withState`, which holds `stateLock`
    // (inline: arming a timer allocates no lock). `clock` and `generation` are immutable or atomic.
    private struct State {
        var isPending = false               // armed and not yet fired (one-shot) or not stopped
        var armed: Armed?                   // what will fire it, disarmed on stop
    }

    /// What fires an armed timer.
    private enum Armed {
        case heap(HeapTimer)                // an entry in the timer heap (real clocks)
        case task(Task<Void, Never>)        // a task sleeping on the clock (any other clock)

        /// Never call it under the state lock: cancelling a task runs its cancellation handlers.
        func disarm() {
            switch self {
            case .heap(let entry): TimerHeap.shared.cancel(entry)
            case .task(let task): task.cancel()
            }
        }
    }

    let clock: C
    private let generation = Atomic<UInt64>(0)  // bumped by every start and stop
    private let stateLock = SpinLock()
    private var state = State()

    private func withState<R>(_ body: (inout State) -> R) -> R {
        stateLock.lock()
        defer { stateLock.unlock() }
        return body(&state)
    }

    init(clock: C) {
        self.clock = clock
    }

    /// Arms the timer: first value at `deadline`, then every `period` if there is one.
    func start(deadline: C.Instant, period: C.Duration?, channel: ChannelStorage<C.Instant>) {
        if let heapDeadline = realTimeNanoseconds(until: deadline) {
            let periodNanoseconds = period.map { nanoseconds(($0 as? Duration) ?? .zero) }
            let replaced = withState { state -> Armed? in
                let replaced = state.armed
                let current = generation.add(1, ordering: .acquiringAndReleasing).newValue
                state.isPending = true
                let entry = ClockHeapTimer(core: self, channel: channel, generation: current, period: periodNanoseconds)
                state.armed = .heap(entry)
                TimerHeap.shared.schedule(entry, at: heapDeadline)
                return replaced
            }
            replaced?.disarm()
            return
        }
        let replaced = withState { state -> Armed? in
            let replaced = state.armed
            let current = generation.add(1, ordering: .acquiringAndReleasing).newValue
            state.isPending = true
            // A sleeping timer may still wake a goroutine: the deadlock detector waits for it.
            DeadlockDetector.activityBegan()
            state.armed = .task(Task.detached { [self, weak channel] in
                defer { DeadlockDetector.activityEnded() }
                var deadline = deadline
                while true {
                    do {
                        try await clock.sleep(until: deadline, tolerance: nil)
                    } catch {
                        return  // stopped or reset
                    }
                    guard let channel else { return }  // nobody can receive any more
                    let now = clock.now
                    if period == nil { markFired(current) }
                    channel.deliverTimerValue(now) {
                        generation.load(ordering: .acquiring) == current
                    }
                    guard let period else { return }
                    deadline = Self.nextTick(after: deadline, now: now, period: period)
                }
            })
            return replaced
        }
        // Cancelling runs the old task's cancellation handlers right here: never under the lock.
        replaced?.disarm()
    }

    /// Where the timer heap serves this clock: `deadline` in `monotonicNanoseconds`. Nil for
    /// clocks the heap cannot sleep on.
    private func realTimeNanoseconds(until deadline: C.Instant) -> UInt64? {
        guard C.self == ContinuousClock.self || C.self == SuspendingClock.self,
              let delay = clock.now.duration(to: deadline) as? Duration else { return nil }
        let now = monotonicNanoseconds()
        let (sum, overflow) = now.addingReportingOverflow(nanoseconds(delay))
        return overflow ? .max : sum
    }

    /// Whether the timer is armed as an entry in the timer heap (a test hook).
    var isInTimerHeap: Bool {
        let entry = withState { state -> HeapTimer? in
            if case .heap(let entry) = state.armed { return entry }
            return nil
        }
        return entry.map { TimerHeap.shared.contains($0) } ?? false
    }

    /// Whether `expected` is still the timer's generation: no stop or reset since it was armed.
    func isCurrent(_ expected: UInt64) -> Bool {
        generation.load(ordering: .acquiring) == expected
    }

    /// Disarms the timer. Returns whether it was armed and had not fired.
    func stop() -> Bool {
        let (wasPending, armed) = withState { state in
            generation.add(1, ordering: .acquiringAndReleasing)
            defer {
                state.isPending = false
                state.armed = nil
            }
            return (state.isPending, state.armed)
        }
        armed?.disarm()
        return wasPending
    }

    /// Drops the core's reference to a heap entry that is done, which references the core in
    /// turn: the two would otherwise keep each other alive.
    func forget(_ entry: HeapTimer) {
        withState { state in
            if case .heap(let armed) = state.armed, armed === entry { state.armed = nil }
        }
    }

    func markFired(_ expected: UInt64) {
        withState { state in
            if generation.load(ordering: .acquiring) == expected { state.isPending = false }
        }
    }

    /// The first tick time after `now`: a slow receiver makes the ticker skip ticks rather
    /// than deliver a burst.
    static func nextTick(after deadline: C.Instant, now: C.Instant, period: C.Duration) -> C.Instant {
        let next = deadline.advanced(by: period)
        if next > now { return next }
        let missed = Int(deadline.duration(to: now) / period)
        return deadline.advanced(by: period * (missed + 1))
    }
}

/// A timer armed in the `TimerHeap`: delivers `clock.now` to its channel while its generation is
/// current, and re-arms a ticker.
final class ClockHeapTimer<C: Clock>: HeapTimer, @unchecked Sendable {
    // Invariant: besides `HeapTimer`'s fields, everything here is set once in `init`.
    let core: TimerCore<C>
    weak var channel: ChannelStorage<C.Instant>?   // nobody left to receive: the timer is dropped
    let generation: UInt64                         // the core's generation when armed
    let period: UInt64?                            // nanoseconds between ticks; nil for one shot

    init(core: TimerCore<C>, channel: ChannelStorage<C.Instant>, generation: UInt64, period: UInt64?) {
        self.core = core
        self.channel = channel
        self.generation = generation
        self.period = period
    }

    override func fire(deadline: UInt64, now: UInt64) -> UInt64? {
        guard let channel, core.isCurrent(generation) else {
            core.forget(self)
            return nil
        }
        if period == nil { core.markFired(generation) }
        channel.deliverTimerValue(core.clock.now) { core.isCurrent(generation) }
        // Stopped or reset while delivering: do not re-arm.
        guard let period, period > 0, core.isCurrent(generation) else {
            core.forget(self)
            return nil
        }
        // A slow receiver makes a ticker skip ticks rather than deliver a burst.
        let next = deadline &+ period
        if next > now { return next }
        return deadline &+ period &* ((now &- deadline) / period &+ 1)
    }
}

/// A non-negative duration in whole nanoseconds, saturating.
func nanoseconds(_ duration: Duration) -> UInt64 {
    let (seconds, attoseconds) = duration.components
    guard seconds >= 0 else { return 0 }
    let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return .max }
    let (sum, overflow2) = whole.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
    return overflow2 ? .max : sum
}
