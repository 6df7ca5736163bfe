import Benchmark
import Channels

// Ports, in spirit, of benchmarks from Go's own runtime tests
// (https://go.dev/src/runtime/chan_test.go, Go 1.23), and the cost of starting goroutines.
// Go twins: `Go/runtime_test.go`.

/// `ChanNonblocking`: Go's `BenchmarkChanNonblocking`. `parallelism` goroutines (Go's
/// `b.RunParallel`) poll an unbuffered channel that never has a sender; every receive fails.
/// One operation is one failed `tryReceive` (Go: `select { case <-c: default: }`).
func registerChanNonblocking() {
    crewBenchmark("ChanNonblocking", scaling: .mega) { ops in
        let channel = Chan<Int>()
        return (0..<parallelism).map { index in
            let count = share(of: ops, parts: parallelism, index: index)
            return { round in
                try await round.forEach {
                    for _ in 0..<count {
                        if case .value = channel.tryReceive() { fatalError("nobody sends on this channel") }
                    }
                }
            }
        }
    }
}

/// `ChanSem`: Go's `BenchmarkChanSem`. A channel with room for `parallelism` empty values used as
/// a counting semaphore by `parallelism` goroutines: acquire (send), release (receive). One
/// operation is one acquire and release.
func registerChanSem() {
    crewBenchmark("ChanSem", scaling: .mega) { ops in
        let semaphore = Chan<Void>(capacity: parallelism)
        return (0..<parallelism).map { index in
            let count = share(of: ops, parts: parallelism, index: index)
            return { round in
                try await round.forEach {
                    for _ in 0..<count {
                        try await semaphore.send(())
                        _ = try await semaphore.receive()
                    }
                }
            }
        }
    }
}

/// `ChanPopular`: Go's `BenchmarkChanPopular`. 1,000 goroutines each wait in a select on their
/// own channel and on one channel shared by all (the popular one, on which nobody sends, so it
/// always has 1,000 waiters queued). A driver sends once to each goroutine's channel per pass, as
/// Go's benchmark does per `b.N` loop. One operation is one send and the select it wakes.
func registerChanPopular() {
    let goroutines = 1_000
    crewBenchmark("ChanPopular") { ops in
        let popular = Chan<Bool>()
        let own = (0..<goroutines).map { _ in Chan<Bool>() }
        for channel in own {
            go {
                // Until `popular` is closed (by the driver, when the crew stops).
                while try await select(
                    {
                        receive(from: popular) { _ in false }
                        receive(from: channel) { _ in true }
                    }
                ) {}
            }
        }
        let driver: Member = { round in
            try await round.forEach {
                for _ in 0..<ops / goroutines {
                    for channel in own {
                        try await channel.send(true)
                    }
                }
            }
            popular.close()
        }
        return [driver]
    }
}

/// `SpawnWaitGroup`: a goroutine starts a round's `ops` (1,000) goroutines that each call
/// `wg.done()`, then waits for them. One operation is one goroutine started, run and waited for.
func registerSpawnWaitGroup() {
    crewBenchmark("SpawnWaitGroup") { ops in
        let spawner: Member = { round in
            try await round.forEach {
                let wg = WaitGroup()
                wg.add(ops)
                for _ in 0..<ops {
                    go { wg.done() }
                }
                try await wg.wait()
            }
        }
        return [spawner]
    }
}

/// `TimerCreateStop`: a goroutine arms a round's `ops` (1,000) timers an hour out, so that they
/// are all pending at once, then stops them all. One operation is one timer armed and stopped.
/// Go twin: `BenchmarkTimerCreateStop` in `Go/runtime_test.go`.
func registerTimerCreateStop() {
    crewBenchmark("TimerCreateStop") { ops in
        let armer: Member = { round in
            var timers: [Channels.Timer<ContinuousClock>] = []
            timers.reserveCapacity(ops)
            try await round.forEach {
                for _ in 0..<ops {
                    timers.append(Channels.Timer(after: .seconds(3600)))
                }
                for timer in timers { timer.stop() }
                timers.removeAll(keepingCapacity: true)
            }
        }
        return [armer]
    }
}
