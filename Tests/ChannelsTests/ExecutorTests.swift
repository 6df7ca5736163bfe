// The goroutine scheduler: goroutines run on its workers, hand-offs stay fair, and a job that
// a busy worker readied is taken over by another worker instead of starving.
import Synchronization
import Testing
@_spi(Testing) import Channels

@Suite("Goroutine executor", .timeLimit(.minutes(1)))
struct ExecutorTests {
    @Test func goroutinesRunOnTheSharedExecutorsWorkers() async throws {
        let onWorker = Chan<Bool>(capacity: 1)
        go { try await onWorker.send(GoroutineExecutor.shared.isCurrentThreadAWorker) }
        #expect(try await onWorker.receive() == true)
        #expect(GoroutineExecutor.shared.workerCount >= 1)
    }

    @Test func goroutinesCanOptOutOfTheExecutor() async throws {
        let onWorker = Chan<Bool>(capacity: 1)
        go(executor: nil) { try await onWorker.send(GoroutineExecutor.shared.isCurrentThreadAWorker) }
        #expect(try await onWorker.receive() == false)
    }

    @Test func childTasksOfAGoroutineStayOnTheExecutor() async throws {
        let results = Chan<[Bool]>(capacity: 1)
        go {
            let flags = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask { GoroutineExecutor.shared.isCurrentThreadAWorker }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            try await results.send(flags)
        }
        #expect(try await results.receive() == [true, true, true, true])
    }

    @Test func aYieldingGoroutineDoesNotStarveOthers() async throws {
        // One worker: the yielder keeps re-entering the run-next slot; the run-next limit must
        // still let the queued goroutine run.
        let executor = GoroutineExecutor(workerCount: 1, name: "test-one")
        let finished = Chan<Int>(capacity: 2)
        let shared = FlagBox()
        go(executor: executor) {
            while !shared.isSet { await Task.yield() }
            try await finished.send(1)
        }
        go(executor: executor) {
            shared.set()
            try await finished.send(2)
        }
        var done = Set<Int>()
        for _ in 0..<2 { done.insert(try await finished.receive()!) }
        #expect(done == [1, 2])
    }

    @Test func aJobReadiedByABusyWorkerIsStolen() async throws {
        // The sender readies the receiver into its worker's run-next slot and then stays busy
        // until the receiver has run. Only another worker taking that job can end the wait.
        let executor = GoroutineExecutor(workerCount: 2, name: "test-two")
        let ch = Chan<Int>()
        let received = FlagBox()
        let done = Chan<Bool>(capacity: 1)
        go(executor: executor) {
            _ = try await ch.receive()
            received.set()
        }
        await ch.waitForParkedReceivers(1)
        go(executor: executor) {
            try await ch.send(1)
            while !received.isSet {}  // busy: this worker never returns to its loop meanwhile
            try await done.send(true)
        }
        #expect(try await done.receive() == true)
    }

    /// A lost wake-up leaves a goroutine runnable while every worker sleeps: the program stalls
    /// for ever. Each burst here starts from idle workers (they have spun, found nothing and gone
    /// to sleep), injects goroutines from outside the executor and lets them wake each other
    /// through unbuffered hand-offs while the other workers are falling asleep, the races a
    /// scheduler's sleep and wake protocol must close. A burst that does not finish within ten
    /// seconds (it takes microseconds) is a lost wake-up. Bounded: 300 bursts on two executors.
    @Test(arguments: [2, 4])
    func burstsFromIdleLoseNoWakeUp(workers: Int) async throws {
        let executor = GoroutineExecutor(workerCount: workers, name: "wake-up-\(workers)")
        for burst in 0..<150 {
            let finished = Chan<Void>(capacity: 8)
            let relay = (0...8).map { _ in Chan<Int>() }
            for stage in 0..<8 {
                go(executor: executor) {
                    // Each stage passes a token on, so every hand-off readies the next stage.
                    for _ in 0..<20 {
                        guard let token = try await relay[stage].receive() else { return }
                        try await relay[stage + 1].send(token + 1)
                    }
                    finished.trySend(())
                }
            }
            go(executor: executor) {
                for round in 0..<20 {
                    try await relay[0].send(round)
                    _ = try await relay[8].receive()
                }
            }
            for _ in 0..<8 {
                let arrived = try await select {
                    receive(from: finished) { _ in true }
                    receive(from: after(.seconds(10))) { _ in false }
                }
                try #require(arrived, "burst \(burst) stalled: a goroutine was left runnable with every worker asleep")
            }
            // Let the workers spin out and fall asleep before the next burst.
            try await Task.sleep(for: .microseconds(300))
        }
    }

    @Test func manyGoroutinesAcrossWorkers() async throws {
        let count = 10_000
        let wg = WaitGroup()
        let sum = Chan<Int>(capacity: count)
        for i in 0..<count {
            wg.go { try await sum.send(i) }
        }
        try await wg.wait()
        sum.close()
        var total = 0
        for await v in sum { total += v }
        #expect(total == count * (count - 1) / 2)
    }
}

/// A flag goroutines share.
private final class FlagBox: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}

@Suite("runMain")
struct RunMainTests {
    @Test func theMainBodyRunsAsAGoroutineAndTheProcessExitsWhenItReturns() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            await runMain {
                let ch = Chan<Bool>()
                go { try await ch.send(GoroutineExecutor.shared.isCurrentThreadAWorker) }
                let onWorker = try await ch.receive()!
                print(onWorker && GoroutineExecutor.shared.isCurrentThreadAWorker ? "on workers" : "elsewhere")
                go { _ = try await Chan<Int>().receive() }  // still blocked when main returns
            }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        #expect(output == "on workers\n")
    }

    @Test func anErrorFromTheMainBodyExitsWithStatusOne() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            struct Refused: Error {}
            await runMain { throw Refused() }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("Refused"))
    }
}
