
/// A clock that moves only when told to, for deterministic tests of timers, tickers and
/// timeouts. Go has none in its standard library; tests there sleep for real. Sleepers wake when `advance(by:)` moves the time to or past their deadline.
///
/// ```swift
/// let clock = ManualClock()
/// let timer = Timer(after: .seconds(5), clock: clock)
/// await clock.waitForSleepers(count: 1)   // the timer is armed
/// clock.advance(by: .seconds(5))
/// _ = try await timer.channel.receive()
/// ```
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the time elapsed since the clock was made.
    public struct Instant: InstantProtocol, Sendable, CustomStringConvertible {
        /// Time since the clock's start.
        public var offset: Duration

        /// The instant `offset` after the clock's start.
        public init(offset: Duration) { self.offset = offset }

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes before `rhs`.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        /// The offset, for test failure messages.
        public var description: String { "ManualClock.Instant(\(offset))" }
    }

    private struct Sleeper {
        let id: WaiterID
        let deadline: Instant
        let continuation: UnsafeContinuation<Bool, Never>  // true = woke on time, false = cancelled
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var watchers: [(count: Int, continuation: UnsafeContinuation<Void, Never>)] = []

        /// Takes the watchers whose awaited sleeper count has been reached.
        mutating func satisfiedWatchers() -> [UnsafeContinuation<Void, Never>] {
            let count = sleepers.count
            let ready = watchers.filter { $0.count <= count }.map { $0.continuation }
            watchers.removeAll { $0.count <= count }
            return ready
        }
    }

    private let state = Locked(State())

    /// Makes a clock that stands at offset zero.
    public init() {}

    /// The current time: where the last `advance(by:)` left it.
    public var now: Instant { state.withLock { $0.now } }

    /// Zero: the clock moves exactly as far as it is told.
    public var minimumResolution: Duration { .zero }

    /// The number of tasks sleeping on this clock right now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Suspends until `advance(by:)` reaches `deadline`; returns at once if it has passed.
    /// Throws `CancellationError` if the task is cancelled first.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = nextWaiterID()
        let onTime = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Bool, Never>) in
                let (verdict, watchers) = state.withLock { state -> (Bool?, [UnsafeContinuation<Void, Never>]) in
                    if deadline <= state.now { return (true, []) }
                    if Task.isCancelled { return (false, []) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return (nil, state.satisfiedWatchers())
                }
                for watcher in watchers { watcher.resume() }
                if let verdict { continuation.resume(returning: verdict) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(returning: false)
        }
        if !onTime { throw CancellationError() }
    }

    /// Moves the time forward by `duration` and wakes, in deadline order, every sleeper whose
    /// deadline has come.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume(returning: true) }
    }

    /// Waits until at least `count` tasks are sleeping on this clock: the hook a test uses to
    /// know that a timer is armed before it advances the time.
    public func waitForSleepers(count: Int) async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
