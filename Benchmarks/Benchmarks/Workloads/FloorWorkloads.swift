import Benchmark
import Channels
import Synchronization

// The floor under the library: what a park and a spawn cost on the goroutine scheduler with
// nothing of Channels' own in the way. Each row is named `<workload>.Floor`, is compared with its
// workload's Go row, and gives the workload's row its "Swift/floor" column: the part of a row
// above its floor is the library's, the floor's own distance to Go is the scheduler's and Swift's.

/// A one-slot mailbox: a mutex, a value and a continuation. No cancellation, no registry, no
/// waiter queue: the least a hand-off between two tasks can do.
private final class Mailbox: Sendable {
    private struct Slot: ~Copyable {
        var value: Int?                                   // a value sent and not yet received
        var receiver: UnsafeContinuation<Int, Never>?     // a receiver waiting for one
    }
    private let slot = Mutex(Slot())

    func send(_ value: Int) {
        let receiver = slot.withLock { slot -> UnsafeContinuation<Int, Never>? in
            guard let receiver = slot.receiver else {
                slot.value = value
                return nil
            }
            slot.receiver = nil
            return receiver
        }
        receiver?.resume(returning: value)
    }

    nonisolated(nonsending) func receive() async -> Int {
        await withUnsafeContinuation(isolation: #isolation) { continuation in
            let ready = slot.withLock { slot -> Int? in
                if let value = slot.value {
                    slot.value = nil
                    return value
                }
                slot.receiver = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// `PingPong.Floor`: `PingPong` over two mailboxes instead of two channels, between the same two
/// goroutines; one operation is a round trip.
func registerPingPongFloor() {
    crewBenchmark("PingPong.Floor") { ops in
        let ping = Mailbox(), pong = Mailbox()
        let server: Member = { round in
            try await round.forEach {
                for _ in 0..<ops { pong.send(await ping.receive()) }
            }
        }
        let client: Member = { round in
            try await round.forEach {
                for i in 0..<ops {
                    ping.send(i)
                    _ = await pong.receive()
                }
            }
        }
        return [server, client]
    }
}

/// `SpawnWaitGroup.Floor`: `SpawnWaitGroup` with a plain task on the goroutine scheduler
/// (`Task.detached(executorPreference:)`) in place of `go`, and an atomic count in place of the
/// `WaitGroup`: the last task to finish resumes the spawner.
func registerSpawnFloor() {
    crewBenchmark("SpawnWaitGroup.Floor") { ops in
        let spawner: Member = { round in
            try await round.forEach {
                let remaining = Countdown(ops)
                await withUnsafeContinuation { (finished: UnsafeContinuation<Void, Never>) in
                    remaining.finished.withLock { $0 = finished }
                    for _ in 0..<ops {
                        Task.detached(executorPreference: GoroutineExecutor.shared) { remaining.countDown() }
                    }
                }
            }
        }
        return [spawner]
    }
}

private final class Countdown: Sendable {
    private let left: Atomic<Int>
    let finished = Mutex<UnsafeContinuation<Void, Never>?>(nil)

    init(_ count: Int) { left = Atomic(count) }

    func countDown() {
        guard left.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return }
        finished.withLock { $0 }?.resume()
    }
}
