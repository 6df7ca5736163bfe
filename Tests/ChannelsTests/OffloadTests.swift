// offload: blocking calls on threads of their own, never on the goroutine workers.
import Testing
import Channels

@Suite("offload", .timeLimit(.minutes(1)))
struct OffloadTests {
    @Test func runsOffTheGoroutineWorkersAndReturnsTheValue() async throws {
        let results = Chan<(Int, Bool)>(capacity: 1)
        go {
            let value = await offload { () -> (Int, Bool) in
                (42, GoroutineExecutor.shared.isCurrentThreadAWorker)
            }
            try await results.send(value)
        }
        let (value, onWorker) = try await results.receive()!
        #expect(value == 42 && !onWorker)
    }

    @Test func propagatesErrors() async {
        struct Failed: Error {}
        await #expect(throws: Failed.self) {
            try await offload { () throws(Failed) -> Int in throw Failed() }
        }
    }

    @Test func manyBlockingCallsProgressTogether() async throws {
        // Eight calls block their threads until all eight have started: with a pool smaller
        // than eight, or with calls run on the two goroutine workers, this never finishes.
        let count = 8
        let arrived = Chan<Int>(capacity: count)
        let release = Chan<Bool>()
        let wg = WaitGroup()
        for i in 0..<count {
            wg.go {
                await offload {
                    arrived.sendBlocking(i)
                    _ = release.receiveBlocking()
                }
            }
        }
        for _ in 0..<count { _ = try await arrived.receive() }
        release.close()
        try await wg.wait()
    }
}
