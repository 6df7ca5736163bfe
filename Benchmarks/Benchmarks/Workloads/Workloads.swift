import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Every workload of the suite, timed per operation, with its allocations. Each iteration is one
// round of as many operations as the benchmark's scaling factor says (see `Crew.swift`), so
// package-benchmark's reports read per operation. `compare` runs this target and the Go twins
// and prints them side by side.

/// `CHANNELS_BENCH_QUICK=1` (set by `compare --quick`) makes every benchmark short: a smoke run.
let isQuick = getenv("CHANNELS_BENCH_QUICK").map { String(cString: $0) == "1" } ?? false

/// The metrics every workload records. JMH export (what `compare` reads) needs `throughput`.
let workloadMetrics: [BenchmarkMetric] = [
    .wallClock, .cpuTotal, .throughput, .mallocCountTotal, .freeCountTotal, .mallocBytesCount, opsPerRound,
]

/// The most mallocs one round of `SPSCBuffered100` (a million items) may make: one per hundred
/// items. Sending and receiving must not allocate at all; what is allowed is the harness's own
/// (about 20 per round, as `Baseline.EmptyRound` shows) and the goroutine scheduler's, which
/// allocates now and then when a worker steals jobs (0 to about 3,000 per round, depending on
/// how busy the machine is). One allocation per item would make a million.
let maxMallocsPerSPSCRound = 10_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: workloadMetrics,
        warmupIterations: isQuick ? 1 : 3,
        scalingFactor: .kilo,
        maxDuration: isQuick ? .milliseconds(150) : .milliseconds(1_500),
        maxIterations: isQuick ? 15 : 2_000
    )

    // What one round costs with no work in it: the round's own hand-offs and the harness.
    crewBenchmark("Baseline.EmptyRound") { _ in
        [{ round in try await round.forEach {} }]
    }

    registerPingPong()
    registerSPSCBuffered100()
    registerMPMC()
    registerSelectWait2()
    registerSelectWaitBlocking2()
    registerSelectReady()
    registerSelectBoth()
    registerSpawnWaitGroup()
    registerChanNonblocking()
    registerChanSem()
    registerChanPopular()
    registerTimerCreateStop()
    registerPeers()
    registerPingPongFloor()
    registerSpawnFloor()
}
