// Plain threads and tasks on the same channels, through the blocking forms: no task and no
// semaphore per call, so nothing here can starve the two-thread cooperative pool.
import Foundation
import Testing
import Channels

@Suite("Blocking forms for plain threads", .timeLimit(.minutes(2)))
struct BlockingTests {
    @Test func threadSendsAndTaskReceives() async throws {
        let ch = Chan<Int>()
        let count = 2_000
        Thread.detachNewThread {
            for i in 0..<count { ch.sendBlocking(i) }
            ch.close()
        }
        var received: [Int] = []
        for await v in ch { received.append(v) }
        #expect(received == Array(0..<count))
    }

    @Test func taskSendsAndThreadReceives() async throws {
        let ch = Chan<Int>(capacity: 4)
        let result = Chan<Int>(capacity: 1)
        Thread.detachNewThread {
            var sum = 0
            while let v = ch.receiveBlocking() { sum += v }
            result.sendBlocking(sum)
        }
        for i in 1...1_000 { try await ch.send(i) }
        ch.close()
        #expect(try await result.receive() == 500_500)
    }

    @Test func threadsPingPongWithManyTasksAtOnce() async throws {
        // More blocked threads than pool threads: a design that parks a pool thread per call
        // would deadlock here on two cores.
        let threads = 8
        let rounds = 200
        let wg = WaitGroup()
        let totals = Chan<Int>(capacity: threads)
        for _ in 0..<threads {
            let ping = Chan<Int>(), pong = Chan<Int>()
            wg.add(1)
            Thread.detachNewThread {
                defer { wg.done() }
                var total = 0
                for i in 0..<rounds {
                    ping.sendBlocking(i)
                    total += pong.receiveBlocking()!
                }
                totals.sendBlocking(total)
            }
            go {
                for _ in 0..<rounds {
                    let v = try await ping.receive()!
                    try await pong.send(v * 2)
                }
            }
        }
        try await wg.wait()
        for _ in 0..<threads { #expect(try await totals.receive() == rounds * (rounds - 1)) }
    }

    @Test func waitGroupWaitBlockingOnAThread() async throws {
        let wg = WaitGroup()
        let released = Chan<Bool>(capacity: 1)
        wg.add(2)
        Thread.detachNewThread {
            wg.waitBlocking()
            released.sendBlocking(true)
        }
        wg.done()
        #expect(released.tryReceive() == .wouldBlock)
        wg.done()
        #expect(try await released.receive() == true)
    }

    @Test func blockingReceiveSeesClose() async throws {
        let ch = Chan<Int>()
        let result = Chan<Bool>(capacity: 1)
        Thread.detachNewThread { result.sendBlocking(ch.receiveBlocking() == nil) }
        await ch.waitForParkedReceivers(1)
        ch.close()
        #expect(try await result.receive() == true)
    }
}
