import Benchmark
import Channels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `BlockedGoroutineMemory`: how much resident memory a goroutine costs while it waits. 100,000
// goroutines block in a receive on one channel; the growth of the resident set (from
// /proc/self/statm) divided by their number is the result, in bytes per goroutine.
// Go twin: `BenchmarkBlockedGoroutineMemory` in `Go/memory_test.go`.

/// `CHANNELS_BENCH_QUICK=1` (set by `compare --quick`) measures once instead of five times.
let isQuick = getenv("CHANNELS_BENCH_QUICK").map { String(cString: $0) == "1" } ?? false

let blockedGoroutines = 100_000

/// `PendingTimerMemory`: resident bytes per pending timer, with 100,000 timers armed an hour out.
/// Go twin: `BenchmarkPendingTimerMemory` in `Go/memory_test.go`.
let pendingTimers = 100_000
let bytesPerTimer = BenchmarkMetric.custom("bytesPerTimer", polarity: .prefersSmaller, useScalingFactor: false)

/// Resident bytes per blocked goroutine: a custom metric, not scaled (one measurement per
/// iteration, each of `blockedGoroutines` goroutines).
let bytesPerGoroutine = BenchmarkMetric.custom("bytesPerGoroutine", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "BlockedGoroutineMemory",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident, bytesPerGoroutine],
            warmupIterations: 0,
            scalingFactor: .one,
            maxDuration: .seconds(60),
            maxIterations: isQuick ? 1 : 5
        )
    ) { benchmark in
        // Memory freed by the previous iteration goes back to the system first, so that every
        // iteration measures fresh pages (as the first one in a new process does).
        returnFreeMemoryToSystem()
        let before = residentBytes()

        let release = Chan<Void>()
        let blocked = WaitGroup()
        let finished = WaitGroup()
        blocked.add(blockedGoroutines)
        finished.add(blockedGoroutines)
        for _ in 0..<blockedGoroutines {
            go {
                blocked.done()
                _ = try await release.receive()  // parks here until `release` is closed
                finished.done()
            }
        }
        // Every goroutine has started; all but the few still between `done()` and parking are
        // parked in `receive`.
        try await blocked.wait()
        let after = residentBytes()
        benchmark.measurement(bytesPerGoroutine, (after - before) / blockedGoroutines)

        release.close()
        try await finished.wait()
    }

    Benchmark(
        "PendingTimerMemory",
        configuration: .init(
            metrics: [.wallClock, .throughput, .peakMemoryResident, bytesPerTimer],
            warmupIterations: 0,
            scalingFactor: .one,
            maxDuration: .seconds(60),
            maxIterations: isQuick ? 1 : 5
        )
    ) { benchmark in
        returnFreeMemoryToSystem()
        let before = residentBytes()
        var timers: [Channels.Timer<ContinuousClock>] = []
        timers.reserveCapacity(pendingTimers)
        for _ in 0..<pendingTimers {
            timers.append(Channels.Timer(after: .seconds(3600)))
        }
        let after = residentBytes()
        benchmark.measurement(bytesPerTimer, (after - before) / pendingTimers)
        for timer in timers { timer.stop() }
    }
}

/// The resident set size of this process: the second field of /proc/self/statm, in pages.
func residentBytes() -> Int {
    let fd = open("/proc/self/statm", O_RDONLY)
    guard fd >= 0 else { fatalError("cannot open /proc/self/statm") }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 128)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { fatalError("cannot read /proc/self/statm") }
    let fields = String(decoding: bytes[..<count], as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { fatalError("cannot parse /proc/self/statm") }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Gives freed heap pages back to the system with glibc's `malloc_trim(0)`, so that they count
/// again when reused. Looked up at run time: Swift's Glibc module does not import <malloc.h>.
func returnFreeMemoryToSystem() {
    typealias MallocTrim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(nil, "malloc_trim") else { return }  // not glibc: nothing to do
    _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
}
