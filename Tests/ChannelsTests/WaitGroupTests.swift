// WaitGroup: waiting for a counter to reach zero, from tasks and threads.
import Testing
import Channels

@Suite("WaitGroup", .timeLimit(.minutes(1)))
struct WaitGroupTests {
    @Test func waitReturnsAtOnceWhenTheCounterIsZero() async throws {
        let wg = WaitGroup()
        try await wg.wait()
        wg.add(2)
        wg.add(-2)
        try await wg.wait()
    }

    @Test func waitReleasesOnlyWhenEveryGoroutineIsDone() async throws {
        let wg = WaitGroup()
        let release = Chan<Int>()
        let finished = Chan<Int>(capacity: 10)
        for _ in 0..<10 {
            wg.add(1)
            go {
                defer { wg.done() }
                let i = try await release.receive()!
                try await finished.send(i)
            }
        }
        let waited = Chan<Bool>(capacity: 1)
        go {
            try await wg.wait()
            try await waited.send(true)
        }
        // Nine goroutines finish; the tenth still holds the counter at one.
        for i in 0..<9 {
            try await release.send(i)
            _ = try await finished.receive()
        }
        #expect(waited.tryReceive() == .wouldBlock)
        try await release.send(9)
        #expect(try await waited.receive() == true)
        #expect(try await finished.receive() == 9, "the last goroutine's work happened before wait returned")
    }

    @Test func everyWaiterIsReleased() async throws {
        let wg = WaitGroup()
        wg.add(1)
        let released = Chan<Int>(capacity: 5)
        for i in 0..<5 {
            go {
                try await wg.wait()
                try await released.send(i)
            }
        }
        #expect(released.tryReceive() == .wouldBlock)
        wg.done()
        var seen = Set<Int>()
        for _ in 0..<5 { seen.insert(try await released.receive()!) }
        #expect(seen == Set(0..<5))
    }

    @Test func goAddsAndDoneEvenWhenTheBodyThrows() async throws {
        struct Expected: Error {}
        let wg = WaitGroup()
        let ran = Chan<Int>(capacity: 3)
        wg.go { try await ran.send(1) }
        wg.go { try await ran.send(2) }
        wg.go {
            try await ran.send(3)
            throw Expected()  // reported on stderr, and done() still runs
        }
        try await wg.wait()
        #expect(ran.count == 3)
    }

    @Test func reusableAfterWaitReturns() async throws {
        let wg = WaitGroup()
        for round in 1...3 {
            let results = Chan<Int>(capacity: round)
            for i in 0..<round { wg.go { try await results.send(i) } }
            try await wg.wait()
            #expect(results.count == round)
        }
    }
}

@Suite("go")
struct GoTests {
    @Test func anEscapedErrorIsReportedWithWhereTheGoroutineStarted() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            struct Broken: Error, CustomStringConvertible { var description: String { "the disk is on fire" } }
            await go { throw Broken() }.value
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("the disk is on fire"), "stderr: \(stderr)")
        #expect(stderr.contains("WaitGroupTests.swift:"), "the report names the file and line: \(stderr)")
    }

    @Test func aGoroutineCancelledOnPurposeReportsNothing() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let never = Chan<Int>()
            let task = go { _ = try await never.receive() }
            task.cancel()
            await task.value
        }
        #expect(result?.standardErrorContent.isEmpty == true)
    }
}
