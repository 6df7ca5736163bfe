
/// Waits for a collection of goroutines to finish. Go: `sync.WaitGroup`.
///
/// ```swift
/// let wg = WaitGroup()
/// for url in urls {
///     wg.add(1)
///     go { defer { wg.done() }; await fetch(url) }
/// }
/// try await wg.wait()
/// ```
///
/// Making the counter negative traps with "sync: negative WaitGroup counter", as Go panics.
/// `wait()` can be cancelled; `waitBlocking()` serves plain threads.
public final class WaitGroup: Sendable {
    private enum Sleeper {
        case task(UnsafeContinuation<Bool, Never>)                  // resumed with false if cancelled
        case thread(ThreadParker)
    }

    private struct State {
        var counter = 0                                 // goroutines still to call done()
        var sleepers: [(id: WaiterID, sleeper: Sleeper)] = []  // waiting for counter == 0
    }

    private let state = Locked(State())

    /// Makes a wait group with a counter of zero. Go: `var wg sync.WaitGroup`.
    public init() {}

    /// Adds `delta`, which may be negative, to the counter. When it reaches zero every waiter is
    /// released. Go: `wg.Add(delta)`.
    public func add(_ delta: Int, file: StaticString = #fileID, line: UInt = #line) {
        let released = state.withLock { state -> [(id: WaiterID, sleeper: Sleeper)]? in
            state.counter += delta
            if state.counter < 0 { return nil }
            guard state.counter == 0, !state.sleepers.isEmpty else { return [] }
            defer { state.sleepers.removeAll() }
            return state.sleepers
        }
        guard let released else { Trap.negativeWaitGroupCounter(at: CallSite(file: file, line: line)) }
        for (id, sleeper) in released {
            switch sleeper {
            case .task(let continuation):
                waiterWillResume(id)
                continuation.resume(returning: true)
            case .thread(let parker):
                parker.unpark()
            }
        }
    }

    /// Decrements the counter by one. Go: `wg.Done()`.
    public func done(file: StaticString = #fileID, line: UInt = #line) {
        add(-1, file: file, line: line)
    }

    /// Adds one to the counter, runs `body` as a goroutine, and calls `done()` when it returns
    /// or throws. Go 1.25: `wg.Go(f)`.
    @discardableResult
    public func go(
        executor: (any TaskExecutor)? = GoroutineExecutor.preferred,
        file: String = #fileID, line: Int = #line, function: String = #function,
        _ body: sending @escaping () async throws -> Void
    ) -> Task<Void, Never> {
        add(1)
        return Channels.go(executor: executor, file: file, line: line, function: function) { [self] in
            defer { done() }
            try await body()
        }
    }

    /// Waits until the counter is zero. Throws `CancellationError` if the task is cancelled
    /// first. Go: `wg.Wait()`.
    nonisolated(nonsending) public func wait() async throws(CancellationError) {
        if state.withLock({ $0.counter == 0 }) { return }
        // `park` takes and releases the state's lock around the two closures that read it.
        let finished = await park(
            on: self, for: .waitGroup, cancelled: false,
            lock: { state.lock.lock() }, unlock: { state.lock.unlock() },
            completeNow: { state.value.counter == 0 ? true : nil },
            finish: { $0 },
            enqueue: { continuation, id in
                state.value.sleepers.append((id, .task(continuation)))
                return nil
            }
        )
        if !finished { throw CancellationError() }
    }

    /// Blocks the calling thread (not a task) until the counter is zero. For plain threads;
    /// see `Chan.sendBlocking(_:)`. Go: `wg.Wait()`.
    public func waitBlocking() {
        let parker = ThreadParker.current
        let mustPark = state.withLock { state -> Bool in
            if state.counter == 0 { return false }
            state.sleepers.append((nextWaiterID(), .thread(parker)))
            return true
        }
        if mustPark { parker.park() }
    }
}

extension WaitGroup: ParkSite {
    /// A cancelled waiter leaves, unless the counter reached zero and released it first.
    @usableFromInline
    func cancelWaiter(_ id: WaiterID) {
        let cancelled = state.withLock { state -> Sleeper? in
            guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
            return state.sleepers.remove(at: index).sleeper
        }
        if case .task(let continuation) = cancelled {
            waiterWillResume(id)
            continuation.resume(returning: false)
        }
    }
}
