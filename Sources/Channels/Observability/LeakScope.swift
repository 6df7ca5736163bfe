/// The goroutines started inside one `withGoroutineLeakCheck` body, directly or by goroutines
/// started there: a count, and the leak check's wait for it to reach zero.
///
/// Scopes nest: a check inside another (or inside `runMain` with
/// `SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT`) counts its goroutines in every enclosing scope too, so
/// that an inner check never hides a goroutine from an outer one.
final class LeakScope: Sendable {
    let enclosing: LeakScope?   // the scope this one was opened in, if any

    init(enclosing: LeakScope?) {
        self.enclosing = enclosing
    }

    /// This scope and each one enclosing it, innermost first.
    private var chain: some Sequence<LeakScope> {
        sequence(first: self, next: \.enclosing)
    }

    /// Whether a goroutine of this scope belongs to `scope` too.
    func isWithin(_ scope: LeakScope) -> Bool {
        chain.contains { $0 === scope }
    }

    private struct State {
        var live = 0                          // goroutines of this scope not yet finished
        var emptied: [Chan<Void>] = []        // waiters to tell when `live` reaches zero
    }

    private let state = Locked(State())

    func goroutineStarted() {
        for scope in chain { scope.state.withLock { $0.live += 1 } }
    }

    func goroutineEnded() {
        for scope in chain { scope.endedOne() }
    }

    private func endedOne() {
        let waiters = state.withLock { state -> [Chan<Void>] in
            state.live -= 1
            guard state.live == 0 else { return [] }
            defer { state.emptied = [] }
            return state.emptied
        }
        for waiter in waiters { waiter.trySend(()) }
    }

    /// Waits until every goroutine of the scope has ended, for at most `grace`. Returns whether
    /// they all did.
    func waitUntilEmpty(within grace: Duration) async throws -> Bool {
        let emptied = Chan<Void>(capacity: 1)
        let alreadyEmpty = state.withLock { state -> Bool in
            if state.live == 0 { return true }
            state.emptied.append(emptied)
            return false
        }
        if alreadyEmpty { return true }
        let deadline = Timer(after: grace)
        defer { deadline.stop() }
        return try await select {
            receive(from: emptied) { _ in true }
            receive(from: deadline.channel) { _ in false }
        }
    }
}
