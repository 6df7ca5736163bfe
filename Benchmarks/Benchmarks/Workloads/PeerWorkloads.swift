import AsyncAlgorithms

// The same workloads on what a Swift user would pick instead of Channels: `AsyncStream` and
// swift-async-algorithms' `AsyncChannel`, on plain tasks. Each row is named `<workload>.<peer>`
// and is compared with the Go row of its workload.
//
// Where a peer does not fit, there is no row: `AsyncStream` allows one consumer only (no
// MPMC), and `AsyncChannel` has no buffer (its SPSC row is a rendezvous, like `MPMCUnbuffered`,
// and there is no buffered MPMC row).

func registerPeers() {
    registerAsyncStreamPeers()
    registerAsyncChannelPeers()
}

private func registerAsyncStreamPeers() {
    // Ping-pong never has more than one value in flight: a buffer of one is enough.
    crewBenchmark("PingPong.AsyncStream", spawn: .task) { ops in
        let (pings, pingSender) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingOldest(1))
        let (pongs, pongSender) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingOldest(1))
        let server: Member = { round in
            var incoming = pings.makeAsyncIterator()
            try await round.forEach {
                for _ in 0..<ops {
                    guard let value = await incoming.next() else { fatalError("ping stream finished") }
                    yieldOne(value, to: pongSender)
                }
            }
        }
        let client: Member = { round in
            var replies = pongs.makeAsyncIterator()
            try await round.forEach {
                for i in 0..<ops {
                    yieldOne(i, to: pingSender)
                    _ = await replies.next()
                }
            }
        }
        return [server, client]
    }

    // AsyncStream has no back-pressure: with a buffer of 100 (`bufferingOldest(100)`, the
    // nearest thing to `Chan(capacity: 100)`) a yield into a full buffer drops the value, so
    // the producer yields its task and tries again, which is what a user must write.
    crewBenchmark("SPSCBuffered100.AsyncStream", spawn: .task) { ops in
        let (items, sender) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingOldest(100))
        let producer: Member = { round in
            try await round.forEach {
                for i in 0..<ops {
                    while case .dropped = sender.yield(i) {
                        await Task.yield()
                    }
                }
            }
        }
        let consumer: Member = { round in
            var incoming = items.makeAsyncIterator()
            try await round.forEach {
                for _ in 0..<ops {
                    guard await incoming.next() != nil else { fatalError("item stream finished") }
                }
            }
        }
        return [producer, consumer]
    }
}

/// Yields into a stream whose buffer is never full in ping-pong; a drop would be a bug here.
private func yieldOne(_ value: Int, to continuation: AsyncStream<Int>.Continuation) {
    guard case .enqueued = continuation.yield(value) else { fatalError("ping-pong stream dropped a value") }
}

private func registerAsyncChannelPeers() {
    crewBenchmark("PingPong.AsyncChannel", spawn: .task) { ops in
        let ping = AsyncChannel<Int>()
        let pong = AsyncChannel<Int>()
        let server: Member = { round in
            var incoming = ping.makeAsyncIterator()
            try await round.forEach {
                for _ in 0..<ops {
                    guard let value = await incoming.next() else { fatalError("ping channel finished") }
                    await pong.send(value)
                }
            }
        }
        let client: Member = { round in
            var replies = pong.makeAsyncIterator()
            try await round.forEach {
                for i in 0..<ops {
                    await ping.send(i)
                    _ = await replies.next()
                }
            }
        }
        return [server, client]
    }

    crewBenchmark("SPSCBuffered100.AsyncChannel", spawn: .task) { ops in
        let channel = AsyncChannel<Int>()
        return [asyncChannelProducer(channel, count: ops), asyncChannelConsumer(channel, count: ops)]
    }

    crewBenchmark("MPMCUnbuffered_4x4.AsyncChannel", spawn: .task) { ops in
        let channel = AsyncChannel<Int>()
        let producers = (0..<4).map { asyncChannelProducer(channel, count: share(of: ops, parts: 4, index: $0)) }
        let consumers = (0..<4).map { asyncChannelConsumer(channel, count: share(of: ops, parts: 4, index: $0)) }
        return producers + consumers
    }
}

private func asyncChannelProducer(_ channel: AsyncChannel<Int>, count: Int) -> Member {
    { round in
        try await round.forEach {
            for i in 0..<count {
                await channel.send(i)
            }
        }
    }
}

private func asyncChannelConsumer(_ channel: AsyncChannel<Int>, count: Int) -> Member {
    { round in
        var incoming = channel.makeAsyncIterator()
        try await round.forEach {
            for _ in 0..<count {
                guard await incoming.next() != nil else { fatalError("channel finished") }
            }
        }
    }
}
