// Cancellation of goroutines. A goroutine's own task is cancelled through one hook installed when
// it starts, which finds the park the goroutine has published; every other task (a child task of
// a goroutine, a plain `Task` started inside one) keeps a handler per park. These tests hold the
// hook to what `CancellationTests` holds the handlers to, and check that the hook touches only
// its goroutine's own parks.
import Testing
@_spi(Testing) import Channels

@Suite("Cancellation of goroutines", .timeLimit(.minutes(3)))
struct GoroutineCancellationTests {
    /// How a goroutine's one operation ended.
    enum Ending: Equatable, Sendable {
        case value(Int?)
        case done
        case cancelled
        case failed(String)
    }

    /// Starts `operation` as a goroutine; the returned channel tells how it ended.
    func goroutine(
        _ operation: @escaping @Sendable () async throws -> Ending
    ) -> (task: Task<Void, Never>, ending: Chan<Ending>) {
        let ending = Chan<Ending>(capacity: 1)
        let task = go {
            do {
                ending.trySend(try await operation())
            } catch is CancellationError {
                ending.trySend(.cancelled)
            } catch {
                ending.trySend(.failed("\(error)"))
            }
        }
        return (task, ending)
    }

    @Test func aParkedReceiveIsCancelledAndTakesNothing() async throws {
        let ch = Chan<Int>()
        let (task, ending) = goroutine { .value(try await ch.receive()) }
        await ch.waitForParkedReceivers(1)
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
        #expect(ch.parkedReceiverCount == 0)
        #expect(ch.trySend(1) == .wouldBlock, "no receiver is left to take it")
    }

    @Test func aParkedSendIsCancelledAndDeliversNothing() async throws {
        let ch = Chan<Int>()
        let (task, ending) = goroutine {
            try await ch.send(1)
            return .done
        }
        await ch.waitForParkedSenders(1)
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
        #expect(ch.parkedSenderCount == 0)
        #expect(ch.tryReceive() == .wouldBlock, "the value stayed with the sender")
    }

    @Test func aParkedSelectIsCancelledAndCommitsNoCase() async throws {
        let a = Chan<Int>(), b = Chan<Int>()
        let (task, ending) = goroutine {
            try await select {
                send(1, to: a) { Ending.done }
                receive(from: b) { Ending.value($0) }
            }
        }
        await a.waitForParkedSenders(1)
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
        await eventually { a.parkedSenderCount == 0 && b.parkedReceiverCount == 0 }
        #expect(a.tryReceive() == .wouldBlock)
        #expect(b.trySend(1) == .wouldBlock)
    }

    @Test func anEmptySelectIsCancelled() async throws {
        let started = Chan<Void>(capacity: 1)
        let (task, ending) = goroutine {
            started.trySend(())
            try await select { }
            return .done
        }
        _ = try await started.receive()
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
    }

    @Test func aWaitGroupWaitIsCancelled() async throws {
        let wg = WaitGroup()
        wg.add(1)
        let started = Chan<Void>(capacity: 1)
        let (task, ending) = goroutine {
            started.trySend(())
            try await wg.wait()
            return .done
        }
        _ = try await started.receive()
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
        wg.done()
        try await wg.wait()
    }

    @Test func aGoroutineCancelledWhileRunningDoesNotParkAfterwards() async throws {
        let gate = Chan<Void>()
        let ch = Chan<Int>()
        let (task, ending) = goroutine {
            try await gate.receive()   // released below, after the cancellation
            return .value(try await ch.receive())
        }
        await gate.waitForParkedReceivers(1)
        // Cancelled while parked on `gate`, and `gate` wins the race: the goroutine runs on and
        // must not then park on `ch`.
        gate.close()
        task.cancel()
        let end = try await ending.receive()
        #expect(end == .cancelled)
        #expect(ch.parkedReceiverCount == 0)
    }

    @Test func aChildTaskOfAGoroutineIsCancelledOnItsOwn() async throws {
        // A task group's child parks in a receive; cancelling the group, not the goroutine,
        // must stop it: the child's park has a handler of its own.
        let ch = Chan<Int>()
        let (_, ending) = goroutine {
            let childEnded = await withTaskGroup(of: Ending.self) { group in
                group.addTask {
                    do { return .value(try await ch.receive()) } catch { return .cancelled }
                }
                await ch.waitForParkedReceivers(1)
                group.cancelAll()
                return await group.next()!
            }
            return childEnded
        }
        #expect(try await ending.receive() == .cancelled)
        #expect(ch.parkedReceiverCount == 0)
    }

    @Test func cancellingAGoroutineLeavesAPlainTaskItStartedAlone() async throws {
        // A `Task` started inside a goroutine inherits its context, not its cancellation: the
        // goroutine's hook must not cancel the task's park.
        let ch = Chan<Int>()
        let inner = Chan<Task<Int?, any Error>>(capacity: 1)
        let (task, ending) = goroutine {
            inner.trySend(Task { try await ch.receive() })
            try await select { }   // parks until cancelled
            return .done
        }
        let plain = try await inner.receive()!
        await ch.waitForParkedReceivers(1)
        task.cancel()
        #expect(try await ending.receive() == .cancelled)
        try await ch.send(7)
        #expect(try await plain.value == 7)
    }

    /// Goroutines receiving race their cancellation against a sender: every value is taken by
    /// exactly one receiver, and a cancelled receiver took nothing.
    @Test func raceBetweenCancelledGoroutinesAndASenderLosesNothing() async throws {
        let ch = Chan<Int>()
        let total = 600
        let got = Shared<[Int]>([])
        let producer = go {
            for i in 0..<total { try? await ch.send(i) }
            ch.close()
        }
        var closed = false
        while !closed {
            let receivers = (0..<3).map { _ in
                goroutine {
                    guard let v = try await ch.receive() else { return .value(nil) }
                    got.withLock { $0.append(v) }
                    return .value(v)
                }
            }
            receivers[0].task.cancel()
            for receiver in receivers where try await receiver.ending.receive() == .value(nil) { closed = true }
        }
        await producer.value
        #expect(got.value.sorted() == Array(0..<total))
    }

    /// Goroutines selecting race their cancellation against a sender on one of their channels.
    @Test func raceBetweenCancelledSelectingGoroutinesAndASenderLosesNothing() async throws {
        let ch = Chan<Int>()
        let total = 400
        let got = Shared<[Int]>([])
        let producer = go {
            for i in 0..<total { try? await ch.send(i) }
            ch.close()
        }
        var closed = false
        while !closed {
            let idle = Chan<Int>()
            let receivers = (0..<2).map { _ in
                goroutine {
                    let v = try await select {
                        receive(from: ch) { (v: Int?) -> Int? in v }
                        receive(from: idle) { _ -> Int? in nil }
                    }
                    guard let v else { return .value(nil) }
                    got.withLock { $0.append(v) }
                    return .value(v)
                }
            }
            receivers[0].task.cancel()
            for receiver in receivers where try await receiver.ending.receive() == .value(nil) { closed = true }
        }
        await producer.value
        #expect(got.value.sorted() == Array(0..<total))
    }
}
