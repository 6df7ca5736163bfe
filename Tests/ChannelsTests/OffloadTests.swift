// offload: blocking calls run in place on a goroutine worker, which is handed to another thread
// if the call blocks while goroutines wait (Go's system-call hand-off), or on a pool of threads
// of their own when called elsewhere.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@_spi(Testing) import Channels

/// The calling thread as a number, which an `offload` call can return: `pthread_t` is an
/// integer on Linux but a pointer on Darwin, which is not `Sendable`.
private func currentThread() -> UInt {
    #if canImport(Darwin)
    UInt(bitPattern: pthread_self())
    #else
    UInt(pthread_self())
    #endif
}

@Suite("offload", .timeLimit(.minutes(1)))
struct OffloadTests {
    @Test func runsInPlaceOnAGoroutineWorkerAndReturnsTheValue() async throws {
        let results = Chan<(Int, onWorker: Bool, inPlace: Bool)>(capacity: 1)
        go {
            let onWorker = GoroutineExecutor.shared.isCurrentThreadAWorker
            let worker = currentThread()   // the call must run on this same thread
            let (value, thread) = await offload { () -> (Int, UInt) in (42, currentThread()) }
            try await results.send((value, onWorker, worker == thread))
        }
        let (value, onWorker, inPlace) = try await results.receive()!
        #expect(value == 42 && onWorker && inPlace)
    }

    @Test func runsOnThePoolWhenNotCalledFromAWorker() async {
        let (value, inPlace) = await Task.detached {
            let caller = currentThread()
            let (value, thread) = await offload { () -> (Int, UInt) in (7, currentThread()) }
            return (value, caller == thread)
        }.value
        #expect(value == 7 && !inPlace)
    }

    /// On an executor with one worker, a goroutine blocks in a call that only another goroutine,
    /// queued behind it on the same worker, can end: the worker must be handed to another thread.
    /// Done many times, so that threads that lost their worker are reused as spares.
    @Test func aBlockedCallHandsItsWorkerToAnotherThread() async throws {
        let executor = GoroutineExecutor(workerCount: 1, name: "offload-handoff")
        let rounds = 50
        let finished = Chan<Int>(capacity: rounds)
        for round in 0..<rounds {
            let gate = Chan<Int>()
            go(executor: executor) {
                let value = await offload { gate.receiveBlocking() ?? -1 }
                // Back on a worker of the executor, whichever thread runs it now.
                let onWorker = executor.isCurrentThreadAWorker
                try await finished.send(onWorker ? value : -2)
            }
            go(executor: executor) { try await gate.send(round) }
        }
        var seen: [Int] = []
        for _ in 0..<rounds { seen.append(try await finished.receive()!) }
        #expect(seen.sorted() == Array(0..<rounds))
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
