import Benchmark
import Channels
import Synchronization

// A workload runs on long-lived goroutines (a crew) that the benchmark starts once, in the
// benchmark's setup, and then drives round by round: one measured iteration is one round of
// operations, as many as the benchmark's scaling factor says (1,000, or a million for the
// workloads whose operations take tens of nanoseconds, so that the round's own hand-offs stay
// negligible). Go's benchmarks start their goroutines once per `b.N` too, so neither side pays
// for starting goroutines inside the timed loop, and the malloc counters see the steady state
// only (the goroutines' task frames have grown to size in the warm-up rounds).

/// Operations per round, recorded with every iteration so that `compare` reads it from the same
/// export as the times (package-benchmark's JMH export does not carry the scaling factor).
let opsPerRound = BenchmarkMetric.custom("opsPerRound", polarity: .prefersLarger, useScalingFactor: false)

/// The `GOMAXPROCS` that `compare` gives the Go twins: the number of goroutines in the ports of
/// Go's `b.RunParallel` benchmarks and the capacity of `ChanSem`'s channel.
let parallelism = 2

/// How a crew's members are started.
enum Spawn: Sendable {
    /// With `go`, as a user of Channels would start them.
    case goroutine
    /// As plain detached tasks, as a user of `AsyncStream` or `AsyncChannel` would.
    case task
}

/// A member's view of the rounds: the member calls `forEach` once, with the work of one round.
struct Round: Sendable {
    fileprivate let start: Chan<Void>     // one token per round, closed when the crew stops
    fileprivate let finished: Chan<Void>  // shared by the crew: one token per member per round

    /// Runs `body` once per round until the crew stops.
    func forEach(_ body: () async throws -> Void) async throws {
        while try await start.receive() != nil {
            try await body()
            try await finished.send(())
        }
    }
}

/// One goroutine of a workload: it sets up its own state (an iterator, say), then calls
/// `round.forEach`.
typealias Member = @Sendable (Round) async throws -> Void

/// Long-lived goroutines that run one round of a workload each time `run()` is called.
final class Crew: Sendable {
    private let starts: [Chan<Void>]  // one per member, capacity 1: `run` never waits to start one
    private let finished: Chan<Void>  // capacity: one token per member

    init(_ spawn: Spawn, _ members: [Member]) {
        starts = members.map { _ in Chan<Void>(capacity: 1) }
        finished = Chan<Void>(capacity: members.count)
        for (member, start) in zip(members, starts) {
            let round = Round(start: start, finished: finished)
            switch spawn {
            case .goroutine:
                go { try await member(round) }
            case .task:
                Task.detached {
                    do {
                        try await member(round)
                    } catch {
                        fatalError("a benchmark task failed: \(error)")
                    }
                }
            }
        }
    }

    /// Starts one round on every member and waits until each has finished it.
    func run() async throws {
        for start in starts where start.trySend(()) != .sent {
            fatalError("a crew member had not taken its previous start token")
        }
        for _ in starts {
            _ = try await finished.receive()
        }
    }

    /// Ends every member's loop.
    func stop() {
        for start in starts { start.close() }
    }
}

/// Registers a benchmark that runs the crew `members(ops)` makes: set up once, one round of
/// `ops` (the scaling factor) operations per iteration. With `mallocBound`, the benchmark
/// carries an absolute threshold on mallocs per round for
/// `swift package benchmark thresholds check` against `Thresholds/` (a p90 of 0 there, so the
/// allowed deviation is the whole bound). package-benchmark runs each benchmark in a process of
/// its own, so a crew only ever exists in the process of its benchmark.
func crewBenchmark(
    _ name: String,
    spawn: Spawn = .goroutine,
    scaling: BenchmarkScalingFactor = .kilo,
    mallocBound: Int? = nil,
    members: @escaping @Sendable (_ ops: Int) -> [Member]
) {
    var configuration = Benchmark.defaultConfiguration
    configuration.scalingFactor = scaling
    if let mallocBound {
        configuration.thresholds = [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: mallocBound])]
    }
    let ops = scaling.rawValue
    let current = Mutex<Crew?>(nil)
    Benchmark(name, configuration: configuration) { benchmark in
        guard let crew = current.withLock({ $0 }) else { fatalError("\(name): no crew; setup did not run") }
        try await crew.run()
        benchmark.measurement(opsPerRound, ops)
    } setup: {
        let crew = Crew(spawn, members(ops))
        current.withLock { $0 = crew }
    } teardown: {
        current.withLock { crew in
            crew?.stop()
            crew = nil
        }
    }
}

/// Splits `total` operations among `parts` goroutines: part `index` takes this many.
func share(of total: Int, parts: Int, index: Int) -> Int {
    total / parts + (index < total % parts ? 1 : 0)
}
