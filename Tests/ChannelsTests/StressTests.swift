// Many producers and consumers, selects on both sides, and a close in the middle of it all:
// bounded in count, and every value is accounted for.
import Synchronization
import Testing
import Channels

@Suite("Stress", .timeLimit(.minutes(3)))
struct StressTests {
    @Test(arguments: [0, 1, 16])
    func mpmcWithSelectsAndCloseLosesAndDuplicatesNothing(capacity: Int) async throws {
        let left = Chan<Int>(capacity: capacity), right = Chan<Int>(capacity: capacity)
        let producers = 4, perProducer = 400
        let sent = WaitGroup()
        for p in 0..<producers {
            sent.add(1)
            go {
                defer { sent.done() }
                for i in 0..<perProducer {
                    let value = p * perProducer + i
                    // Half the sends go through a select over both channels.
                    if i.isMultiple(of: 2) {
                        try await select {
                            send(value, to: left) { }
                            send(value, to: right) { }
                        }
                    } else {
                        try await (i % 3 == 0 ? left : right).send(value)
                    }
                }
            }
        }
        let received = Shared<[Int]>([])
        let consumers = WaitGroup()
        for c in 0..<4 {
            consumers.add(1)
            go {
                defer { consumers.done() }
                var leftOpen = true, rightOpen = true
                var mine: [Int] = []
                while leftOpen || rightOpen {
                    if c == 0, leftOpen {
                        // One consumer receives plainly from one side.
                        if let v = try await left.receive() { mine.append(v) } else { leftOpen = false }
                        continue
                    }
                    try await select {
                        receive(from: leftOpen ? left : nil) { v in
                            if let v { mine.append(v) } else { leftOpen = false }
                        }
                        receive(from: rightOpen ? right : nil) { v in
                            if let v { mine.append(v) } else { rightOpen = false }
                        }
                    }
                }
                received.withLock { $0 += mine }
            }
        }
        try await sent.wait()
        left.close()
        right.close()
        try await consumers.wait()
        let all = received.withLock { $0 }
        #expect(all.count == producers * perProducer)
        #expect(all.sorted() == Array(0..<(producers * perProducer)))
    }

    @Test func closeRacingReceiversAndTryOperations() async throws {
        for _ in 0..<200 {
            let ch = Chan<Int>(capacity: 2)
            let results = Chan<Int>(capacity: 8)
            for _ in 0..<3 {
                go {
                    var got = 0
                    while try await ch.receive() != nil { got += 1 }
                    try await results.send(got)
                }
            }
            var accepted = 0
            for i in 0..<5 {
                while true {
                    let r = ch.trySend(i)
                    if r == .sent { accepted += 1; break }
                    await Task.yield()
                }
            }
            ch.close()
            #expect(ch.trySend(9) == .closed)
            var total = 0
            for _ in 0..<3 { total += try await results.receive()! }
            #expect(total == accepted)
        }
    }

    @Test(arguments: [0, 1, 8])
    func nonBlockingOperationsLoseAndDuplicateNothing(capacity: Int) async throws {
        // Producers only trySend and half the consumers only tryReceive, so most operations find
        // nothing ready and fail; the other consumers block, so that an unbuffered channel has
        // receivers for trySend to meet. Each value still arrives exactly once.
        let ch = Chan<Int>(capacity: capacity)
        let producers = 3, perProducer = 300
        let received = Shared<[Int]>([])
        let sent = WaitGroup()
        for p in 0..<producers {
            sent.go {
                for i in 0..<perProducer {
                    while ch.trySend(p * perProducer + i) != .sent { await Task.yield() }
                }
            }
        }
        let consumed = WaitGroup()
        for c in 0..<4 {
            consumed.go {
                var mine: [Int] = []
                if c.isMultiple(of: 2) {
                    while let value = try await ch.receive() { mine.append(value) }
                } else {
                    polling: while true {
                        switch ch.tryReceive() {
                        case .value(let value): mine.append(value)
                        case .closed: break polling
                        case .wouldBlock: await Task.yield()
                        }
                    }
                }
                received.withLock { $0 += mine }
            }
        }
        try await sent.wait()
        ch.close()
        try await consumed.wait()
        #expect(received.withLock { $0 }.sorted() == Array(0..<(producers * perProducer)))
    }
}
