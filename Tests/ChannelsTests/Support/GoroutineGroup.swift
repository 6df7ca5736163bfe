import Channels

/// Goroutines a test starts and must stop before it ends: Go's tests leave parked goroutines
/// behind when `main` returns, but a test process runs on, so each one is cancelled and awaited.
final class GoroutineGroup: Sendable {
    private struct State {
        var tasks: [Task<Void, Never>] = []  // every goroutine started, not yet awaited
        var stopping = false                 // set by shutdown: a new goroutine is cancelled at once
        var failures: [String] = []          // errors that ended a goroutine, other than cancellation
    }

    private let state = Shared(State())

    /// Go's `go`, keeping the task so that `shutdown` can cancel and await it.
    func spawn(_ body: sending @escaping () async throws -> Void) {
        let task = go { [self] in
            do {
                try await body()
            } catch is CancellationError {
                // Shutdown's doing: the normal end of a goroutine here.
            } catch {
                state.withLock { $0.failures.append("\(error)") }
            }
        }
        let cancelNow = state.withLock { state in
            state.tasks.append(task)
            return state.stopping
        }
        if cancelNow { task.cancel() }
    }

    /// Cancels every goroutine and waits for all of them; returns the failures they reported.
    /// A goroutine may start another one while it winds down, hence the rounds.
    func shutdown() async -> [String] {
        for _ in 0..<1_000 {
            let batch = state.withLock { state -> [Task<Void, Never>] in
                state.stopping = true
                defer { state.tasks = [] }
                return state.tasks
            }
            if batch.isEmpty { return state.withLock { $0.failures } }
            for task in batch { task.cancel() }
            for task in batch { await task.value }
        }
        return state.withLock { $0.failures } + ["goroutines were still starting after 1000 shutdown rounds"]
    }
}
