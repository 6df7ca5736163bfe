import ProgramTesting

/// Each scenario's run of the Swift port and of the Go original, started once and shared: the
/// test of the port and its comparison with the original await the same run instead of running
/// the program twice.
final class SharedRuns<Scenario: Hashable & Sendable, Outcome: Sendable>: Sendable {
    private struct Key: Hashable {
        let scenario: Scenario
        let original: Bool   // the Go original rather than the Swift port
    }

    private let runs = ThreadLocked<[Key: Task<Outcome, any Error>]>([:])  // a pthread lock, which TSan sees
    private let start: @Sendable (Scenario, _ original: Bool) async throws -> Outcome

    /// `start` runs `scenario`, of the Go original if `original`, else of the Swift port.
    init(_ start: @escaping @Sendable (Scenario, _ original: Bool) async throws -> Outcome) {
        self.start = start
    }

    /// The Swift port's run of `scenario`.
    func swift(_ scenario: Scenario) async throws -> Outcome {
        try await run(Key(scenario: scenario, original: false)).value
    }

    /// The Go original's run of `scenario`.
    func go(_ scenario: Scenario) async throws -> Outcome {
        try await run(Key(scenario: scenario, original: true)).value
    }

    private func run(_ key: Key) -> Task<Outcome, any Error> {
        runs.withLock { runs in
            if let started = runs[key] { return started }
            let started = Task { [start] in try await start(key.scenario, key.original) }
            runs[key] = started
            return started
        }
    }
}
