// Task cancellation: a waiting task stops at once with CancellationError, and no value is ever
// lost or delivered twice, whichever side is cancelled and however the race falls.
import Synchronization
import Testing
@_spi(Testing) import Channels

@Suite("Cancellation", .timeLimit(.minutes(3)))
struct CancellationTests {
    @Test func cancelledReceiveThrowsAndTakesNothing() async throws {
        let ch = Chan<Int>()
        let receiver = Task { try await ch.receive() }
        await ch.waitForParkedReceivers(1)
        receiver.cancel()
        await #expect(throws: CancellationError.self) { try await receiver.value }
        #expect(ch.parkedReceiverCount == 0)
        // The next value goes to a live receiver, not to the cancelled one.
        #expect(ch.trySend(1) == .wouldBlock)
        go { try await ch.send(2) }
        #expect(try await ch.receive() == 2)
    }

    @Test func cancelledSendThrowsAndDeliversNothing() async throws {
        let ch = Chan<Int>()
        let sender = Task { try await ch.send(1) }
        await ch.waitForParkedSenders(1)
        sender.cancel()
        await #expect(throws: CancellationError.self) { try await sender.value }
        #expect(ch.parkedSenderCount == 0)
        #expect(ch.tryReceive() == .wouldBlock, "the cancelled value was not delivered")
    }

    @Test func cancelledSelectCommitsNoCase() async throws {
        let a = Chan<Int>(), b = Chan<Int>()
        let task = Task {
            try await select {
                send(1, to: a) { "a" }
                receive(from: b) { _ in "b" }
            }
        }
        await a.waitForParkedSenders(1)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        await eventually { a.parkedSenderCount == 0 && b.parkedReceiverCount == 0 }
        #expect(a.tryReceive() == .wouldBlock)
        #expect(b.trySend(1) == .wouldBlock)
    }

    @Test func operationsInAnAlreadyCancelledTask() async throws {
        let ready = Chan<Int>(capacity: 1)
        try await ready.send(1)
        let empty = Chan<Int>()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            // A ready operation completes: cancellation only stops waiting.
            let first = try await ready.receive()
            var threw = false
            do { _ = try await empty.receive() } catch { threw = true }
            return (first, threw)
        }
        let (first, threw) = try await task.value
        #expect(first == 1 && threw)
        #expect(empty.parkedReceiverCount == 0)
    }

    @Test func closedAndCancelledAreDistinguishable() async throws {
        let ch = Chan<Int>()
        ch.close()
        let closed = try await ch.receive()
        #expect(closed == nil)
        let open = Chan<Int>()
        let task = Task { try await open.receive() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func forAwaitEndsOnCancellation() async throws {
        let ch = Chan<Int>()
        let consumer = Task {
            var seen = 0
            for await _ in ch { seen += 1 }
            return (seen, Task.isCancelled)
        }
        try await ch.send(1)
        await ch.waitForParkedReceivers(1)
        consumer.cancel()
        let (seen, cancelled) = await consumer.value
        #expect(seen == 1 && cancelled)
    }

    @Test func waitGroupWaitIsCancellable() async throws {
        let wg = WaitGroup()
        wg.add(1)
        let waiter = Task { try await wg.wait() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        wg.done()
        try await wg.wait()
    }

    /// Senders race cancellation against receivers. Every send that returned normally must be
    /// received exactly once; every send that threw must never be received.
    @Test(arguments: [0, 1, 4])
    func raceBetweenCancellationAndDeliveryLosesNothing(capacity: Int) async throws {
        let ch = Chan<Int>(capacity: capacity)
        let rounds = 300
        let delivered = Shared<Set<Int>>([])
        let received = Shared<[Int]>([])
        let consumer = Task {
            while let v = try await ch.receive() { received.withLock { $0.append(v) } }
        }
        for round in 0..<rounds {
            let senders = (0..<4).map { lane in
                Task {
                    let value = round * 4 + lane
                    do {
                        try await ch.send(value)
                        delivered.withLock { _ = $0.insert(value) }
                    } catch {}
                }
            }
            senders[round % 4].cancel()
            senders[(round + 1) % 4].cancel()
            for sender in senders { await sender.value }
        }
        ch.close()
        try await consumer.value
        let got = received.withLock { $0 }
        #expect(got.count == Set(got).count, "no value twice")
        #expect(Set(got) == delivered.withLock { $0 }, "exactly the completed sends arrive")
        #expect(delivered.withLock { $0.count } >= rounds * 2, "uncancelled sends always complete")
    }

    /// Receivers race cancellation against a sender: a value is taken by exactly one receiver,
    /// and a cancelled receiver took nothing. The producer closes the channel when done, so the
    /// last round's receivers end on "closed" instead of waiting for values that never come.
    @Test func raceBetweenCancelledReceiversAndSendersLosesNothing() async throws {
        let ch = Chan<Int>()
        let total = 600
        let got = Shared<[Int]>([])
        let producer = Task {
            for i in 0..<total { try await ch.send(i) }
            ch.close()
        }
        var closed = false
        while !closed {
            let receivers = (0..<3).map { _ in
                Task { () -> Bool in
                    do {
                        guard let v = try await ch.receive() else { return true }
                        got.withLock { $0.append(v) }
                    } catch {}
                    return false
                }
            }
            receivers[0].cancel()
            for receiver in receivers where await receiver.value { closed = true }
        }
        try await producer.value
        #expect(got.value.sorted() == Array(0..<total))
    }

    /// Selects race cancellation against a sender on one of their channels.
    @Test func raceBetweenCancelledSelectsAndSendersLosesNothing() async throws {
        let ch = Chan<Int>()
        let total = 400
        let got = Shared<[Int]>([])
        let producer = Task {
            for i in 0..<total { try await ch.send(i) }
            ch.close()
        }
        var closed = false
        while !closed {
            let idle = Chan<Int>()
            let receivers = (0..<2).map { _ in
                Task { () -> Bool in
                    do {
                        let v = try await select {
                            receive(from: ch) { (v: Int?) -> Int? in v }
                            receive(from: idle) { _ -> Int? in nil }
                        }
                        guard let v else { return true }
                        got.withLock { $0.append(v) }
                    } catch {}
                    return false
                }
            }
            receivers[0].cancel()
            for receiver in receivers where await receiver.value { closed = true }
        }
        try await producer.value
        #expect(got.value.sorted() == Array(0..<total))
    }
}
