import Synchronization

/// The engine shared by `Timer`, `Ticker`, `after` and `tick`: one sleeping task per armed
/// timer, on any `Clock`.
///
/// Stale values: every start or stop bumps `generation`, and a firing task delivers only while
/// the generation it was started with is current, checked under the channel's lock. A stop
/// bumps the generation and then drains the channel under that same lock, so once it returns
/// no value from before it can be received (Go 1.23's guarantee).
///
/// Lifetime: the task holds the channel weakly. When nobody references the channel any more,
/// the timer stops at its next firing, as Go 1.23 collects unreferenced timers and tickers.
@usableFromInline
final class TimerCore<C: Clock>: Sendable {
    private struct State {
        var isPending = false               // armed and not yet fired (one-shot) or not stopped
        var task: Task<Void, Never>?        // the sleeping task, cancelled on stop
    }

    let clock: C
    private let generation = Atomic<UInt64>(0)  // bumped by every start and stop
    private let state = Locked(State())

    init(clock: C) {
        self.clock = clock
    }

    /// Arms the timer: first value at `deadline`, then every `period` if there is one.
    func start(deadline: C.Instant, period: C.Duration?, channel: ChannelStorage<C.Instant>) {
        let replaced = state.withLock { state -> Task<Void, Never>? in
            let replaced = state.task
            let current = generation.add(1, ordering: .acquiringAndReleasing).newValue
            state.isPending = true
            // A sleeping timer may still wake a goroutine: the deadlock detector waits for it.
            DeadlockDetector.activityBegan()
            state.task = Task.detached { [self, weak channel] in
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
            }
            return replaced
        }
        // Cancelling runs the old task's cancellation handlers right here: never under the lock.
        replaced?.cancel()
    }

    /// Disarms the timer. Returns whether it was armed and had not fired.
    func stop() -> Bool {
        let (wasPending, task) = state.withLock { state in
            generation.add(1, ordering: .acquiringAndReleasing)
            defer {
                state.isPending = false
                state.task = nil
            }
            return (state.isPending, state.task)
        }
        task?.cancel()
        return wasPending
    }

    private func markFired(_ expected: UInt64) {
        state.withLock { state in
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
