// Channel behaviour through the public API, run over every shape of channel.
import Testing
@_spi(Testing) import Channels

@Suite("Chan", .timeLimit(.minutes(2)))
struct ChanTests {
    @Test(arguments: [0, 1, 3, 16])
    func valuesArriveInOrderAndOnce(capacity: Int) async throws {
        // Given one sender and one receiver
        let ch = Chan<Int>(capacity: capacity)
        let count = 1_000
        go {
            for i in 0..<count { try await ch.send(i) }
            ch.close()
        }
        // When everything is received, Then FIFO order holds and nothing is lost or duplicated
        var received: [Int] = []
        while let v = try await ch.receive() { received.append(v) }
        #expect(received == Array(0..<count))
    }

    @Test func unbufferedSendWaitsForAReceiver() async throws {
        let ch = Chan<Int>()
        let sent = Chan<Bool>(capacity: 1)
        go {
            try await ch.send(1)
            sent.trySend(true)
        }
        await ch.waitForParkedSenders(1)
        #expect(sent.tryReceive() == .wouldBlock, "the send must not complete before a receive")
        #expect(try await ch.receive() == 1)
        _ = try await sent.receive()
    }

    @Test func bufferedSendWaitsOnlyWhenFull() async throws {
        let ch = Chan<Int>(capacity: 2)
        try await ch.send(1)
        try await ch.send(2)
        #expect(ch.count == 2)
        #expect(ch.trySend(3) == .wouldBlock)
        let done = Chan<Bool>(capacity: 1)
        go {
            try await ch.send(3)
            done.trySend(true)
        }
        await ch.waitForParkedSenders(1)
        #expect(done.tryReceive() == .wouldBlock)
        #expect(try await ch.receive() == 1)
        _ = try await done.receive()  // the freed slot let the parked send complete
        #expect(ch.count == 2)
        #expect(try await ch.receive() == 2)
        #expect(try await ch.receive() == 3)
    }

    @Test func countAndCapacity() async throws {
        let unbuffered = Chan<Int>()
        #expect(unbuffered.count == 0 && unbuffered.capacity == 0)
        let buffered = Chan<String>(capacity: 3)
        #expect(buffered.capacity == 3)
        try await buffered.send("a")
        try await buffered.send("b")
        #expect(buffered.count == 2)
        _ = try await buffered.receive()
        #expect(buffered.count == 1)
    }

    @Test func closeLetsReceiversDrainThenReportsNil() async throws {
        let ch = Chan<Int>(capacity: 3)
        try await ch.send(1)
        try await ch.send(2)
        ch.close()
        #expect(try await ch.receive() == 1)
        #expect(try await ch.receive() == 2)
        #expect(try await ch.receive() == nil)
        #expect(try await ch.receive() == nil, "closed stays closed")
        #expect(ch.tryReceive() == .closed)
    }

    @Test func closeWakesEveryWaitingReceiver() async throws {
        let ch = Chan<Int>()
        let results = Chan<Int?>(capacity: 3)
        for _ in 0..<3 {
            go { try await results.send(try await ch.receive()) }
        }
        await ch.waitForParkedReceivers(3)
        ch.close()
        for _ in 0..<3 {
            let v = try await results.receive()
            #expect(v == .some(nil))
        }
    }

    @Test func optionalElementsTellNilValueFromClosed() async throws {
        let ch = Chan<Int?>(capacity: 1)
        try await ch.send(nil)
        ch.close()
        let first = try await ch.receive()
        #expect(first == .some(nil))
        let second = try await ch.receive()
        #expect(second == nil)
    }

    @Test func trySendAndTryReceive() async throws {
        let ch = Chan<Int>(capacity: 1)
        #expect(ch.tryReceive() == .wouldBlock)
        #expect(ch.trySend(1) == .sent)
        #expect(ch.trySend(2) == .wouldBlock)
        #expect(ch.tryReceive() == .value(1))
        #expect(ch.tryReceive().value == nil)
        ch.close()
        #expect(ch.trySend(3) == .closed, "trySend reports closed instead of trapping")
        #expect(ch.tryReceive() == .closed)
    }

    @Test func trySendMeetsAParkedReceiverOnAnUnbufferedChannel() async throws {
        let ch = Chan<Int>()
        #expect(ch.trySend(1) == .wouldBlock)
        let got = Chan<Int?>(capacity: 1)
        go { try await got.send(try await ch.receive()) }
        await ch.waitForParkedReceivers(1)
        #expect(ch.trySend(9) == .sent)
        #expect(try await got.receive() == 9)
    }

    @Test func nonBlockingOperationsSeeEveryKindOfParkedCounterpart() async throws {
        // Each park, by a task or by a select, must make the channel look ready to a
        // non-blocking operation at once, and each unpark must make it look not ready: the
        // contract for any fast path that answers without the lock (as the lock-free one on the
        // branch experiment/lock-free-nonblocking does).
        let ch = Chan<Int>()
        #expect(ch.tryReceive() == .wouldBlock)
        go { try await ch.send(1) }
        await ch.waitForParkedSenders(1)
        #expect(ch.tryReceive() == .value(1))

        let other = Chan<Int>()
        let got = Chan<Int?>(capacity: 1)
        go {
            let value = try await select {
                receive(from: ch) { $0 }
                receive(from: other) { $0 }
            }
            try await got.send(value)
        }
        await ch.waitForParkedReceivers(1)
        #expect(try await select { send(2, to: ch) { true }; otherwise { false } })
        #expect(try await got.receive() == 2)
        // The select took itself off `other` after it won on `ch`, before it sent its result.
        #expect(other.parkedReceiverCount == 0)
        #expect(other.trySend(3) == .wouldBlock)

        go { _ = try await other.receive() }
        await other.waitForParkedReceivers(1)
        other.close()
        #expect(other.tryReceive() == .closed)
        #expect(try await select { receive(from: other) { $0 == nil }; otherwise { false } })
    }

    @Test func forAwaitEndsWhenClosedAndDrained() async throws {
        let ch = Chan<Int>(capacity: 10)
        for i in 1...5 { try await ch.send(i) }
        ch.close()
        var sum = 0
        for await v in ch { sum += v }
        #expect(sum == 15)
    }

    @Test func directionalViewsShareTheChannel() async throws {
        let ch = Chan<Int>(capacity: 1)
        let out: SendChan<Int> = ch.sendOnly
        let input: ReceiveChan<Int> = ch.receiveOnly
        try await out.send(5)
        #expect(input.count == 1 && out.capacity == 1)
        #expect(try await input.receive() == 5)
        out.close()
        var none = 0
        for await _ in input { none += 1 }
        #expect(none == 0)
        #expect(SendChan(ch) == out && ReceiveChan(ch) == input)
    }

    @Test func channelsCompareAndHashByIdentity() {
        let a = Chan<String>(), b = Chan<String>()
        #expect(a == a && a != b)
        let set: Set<SendChan<String>> = [a.sendOnly, a.sendOnly, b.sendOnly]
        #expect(set.count == 2)
        var clients: [Chan<String>: Int] = [:]
        clients[a] = 1
        clients[b] = 2
        #expect(clients[a] == 1 && clients[b] == 2)
    }

    @Test func manyProducersManyConsumersLoseNothing() async throws {
        let ch = Chan<Int>(capacity: 8)
        let producers = 4, perProducer = 500
        let wg = WaitGroup()
        for p in 0..<producers {
            wg.add(1)
            go {
                defer { wg.done() }
                for i in 0..<perProducer { try await ch.send(p * perProducer + i) }
            }
        }
        let results = Chan<[Int]>(capacity: 4)
        for _ in 0..<4 {
            go {
                var mine: [Int] = []
                for await v in ch { mine.append(v) }
                try await results.send(mine)
            }
        }
        try await wg.wait()
        ch.close()
        var all: [Int] = []
        for _ in 0..<4 { all += try await results.receive()! }
        #expect(all.sorted() == Array(0..<(producers * perProducer)))
    }
}
