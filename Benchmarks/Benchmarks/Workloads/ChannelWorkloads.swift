import Benchmark
import Channels

// Plain sends and receives between goroutines. Go twins: `Go/channels_test.go`.

/// `PingPong`: two goroutines bounce a value over two unbuffered channels; one operation is a
/// round trip (two rendezvous, two wake-ups).
func registerPingPong() {
    crewBenchmark("PingPong") { ops in
        let ping = Chan<Int>()
        let pong = Chan<Int>()
        let server: Member = { round in
            try await round.forEach {
                for _ in 0..<ops {
                    guard let value = try await ping.receive() else { fatalError("ping closed") }
                    try await pong.send(value)
                }
            }
        }
        let client: Member = { round in
            try await round.forEach {
                for i in 0..<ops {
                    try await ping.send(i)
                    _ = try await pong.receive()
                }
            }
        }
        return [server, client]
    }
}

/// `SPSCBuffered100`: one producer, one consumer, `Chan(capacity: 100)`; one operation is one
/// item. The buffer is allocated with the channel, so the steady state must not allocate at all
/// (the malloc threshold of this benchmark, and the check in `compare`). A million items per
/// round, so that the round's own hand-offs are lost in it.
func registerSPSCBuffered100() {
    crewBenchmark("SPSCBuffered100", scaling: .mega, mallocBound: maxMallocsPerSPSCRound) { ops in
        let channel = Chan<Int>(capacity: 100)
        return [producer(channel, count: ops), consumer(channel, count: ops)]
    }
}

/// `MPMCBuffered100_4x4` and `MPMCUnbuffered_4x4`: four producers and four consumers share one
/// channel; one operation is one item. Each producer sends and each consumer receives a quarter
/// of a round's items, so every round ends with the channel empty.
func registerMPMC() {
    let shapes: [(String, Int, BenchmarkScalingFactor)] = [
        ("MPMCBuffered100_4x4", 100, .mega), ("MPMCUnbuffered_4x4", 0, .kilo),
    ]
    for (name, capacity, scaling) in shapes {
        crewBenchmark(name, scaling: scaling) { ops in
            let channel = Chan<Int>(capacity: capacity)
            let producers = (0..<4).map { producer(channel, count: share(of: ops, parts: 4, index: $0)) }
            let consumers = (0..<4).map { consumer(channel, count: share(of: ops, parts: 4, index: $0)) }
            return producers + consumers
        }
    }
}

/// A member that sends `count` values on `channel` each round.
func producer(_ channel: Chan<Int>, count: Int) -> Member {
    { round in
        try await round.forEach {
            for i in 0..<count {
                try await channel.send(i)
            }
        }
    }
}

/// A member that receives `count` values from `channel` each round.
func consumer(_ channel: Chan<Int>, count: Int) -> Member {
    { round in
        try await round.forEach {
            for _ in 0..<count {
                guard try await channel.receive() != nil else { fatalError("channel closed") }
            }
        }
    }
}
