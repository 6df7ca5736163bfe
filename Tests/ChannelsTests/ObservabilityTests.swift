// The goroutine registry, its Go-style dump, the scoped leak check and the deadlock detector.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@_spi(Testing) import Channels
import Dispatch
import Testing

@Suite("Goroutine dump")
struct GoroutineDumpTests {
    /// The registered goroutine blocked on the channel labelled `label` (labels are unique per
    /// test, since other tests' goroutines are registered too).
    static func goroutine(waitingOn label: String) -> GoroutineInfo? {
        Goroutines.all.first { info in info.channels.contains { $0.contains("\"\(label)\"") } }
    }

    static func waitUntilBlocked(on label: String, sourceLocation: SourceLocation = #_sourceLocation) async -> GoroutineInfo? {
        await eventually("a goroutine blocked on \(label)", sourceLocation: sourceLocation) { goroutine(waitingOn: label) != nil }
        return goroutine(waitingOn: label)
    }

    @Test func namesTheReceiveItsChannelAndWhereItStarted() async throws {
        // Given a goroutine blocked receiving from a labelled channel
        let requests = Chan<Int>(label: "dump-receive")
        let line = #line + 1
        let task = go { _ = try await requests.receive() }
        defer { task.cancel() }

        // When the dump is taken
        let info = try #require(await Self.waitUntilBlocked(on: "dump-receive"))
        let dump = Goroutines.dump()

        // Then it names the operation, the channel and the creation site, in Go's layout
        #expect(info.state == .receive)
        #expect(info.line == line)
        #expect(info.file.hasSuffix("ObservabilityTests.swift"))
        #expect(info.function.contains("namesTheReceiveItsChannelAndWhereItStarted"))
        #expect(dump.contains("goroutine \(info.id) [chan receive"))
        #expect(dump.contains("\treceive from Chan<Int> \"dump-receive\" (capacity 0, count 0)\n"))
        #expect(dump.contains("ObservabilityTests.swift:\(line)\n"))
    }

    @Test func namesASendOnABufferedChannel() async throws {
        let full = Chan<String>(capacity: 1, label: "dump-send")
        try await full.send("first")
        let task = go { try await full.send("second") }
        defer { task.cancel() }
        let info = try #require(await Self.waitUntilBlocked(on: "dump-send"))
        #expect(info.state == .send)
        #expect(info.description.contains("[chan send"))
        #expect(info.channels == ["Chan<String> \"dump-send\" (capacity 1, count 1)"])
    }

    @Test func listsEveryChannelOfASelect() async throws {
        let a = Chan<Int>(label: "dump-select-a")
        let b = Chan<String>(label: "dump-select-b")
        let task = go {
            try await select {
                receive(from: a) { _ in }
                send("x", to: b) { }
            }
        }
        defer { task.cancel() }
        let info = try #require(await Self.waitUntilBlocked(on: "dump-select-a"))
        #expect(info.state == .select)
        #expect(info.channels.count == 2)
        #expect(info.channels.contains { $0.contains("dump-select-b") })
        #expect(info.description.contains("[select"))
    }

    @Test func showsWaitGroupSleepAndOffloadWaits() async throws {
        let wg = WaitGroup()
        wg.add(1)
        let release = Chan<Void>(label: "dump-offload-release")
        let waiter = go { try await wg.wait() }
        let sleeper = go { try await sleep(for: .seconds(600)) }
        let offloaded = go {
            // An offloaded call that blocks its thread until the test lets it go.
            await offload { _ = release.receiveBlocking() }
        }
        defer {
            waiter.cancel()
            sleeper.cancel()
            wg.done()
            release.close()
        }
        _ = offloaded
        for state in [GoroutineState.waitGroup, .sleep, .offload] {
            await eventually("a goroutine in \(state)") { Goroutines.all.contains { $0.state == state } }
        }
        let dump = Goroutines.dump()
        #expect(dump.contains("[sync.WaitGroup.Wait"))
        #expect(dump.contains("[sleep"))
        #expect(dump.contains("[syscall"))
    }

    @Test func aGoroutineIsUnregisteredWhenItEnds() async throws {
        let proceed = Chan<Void>(label: "dump-ends")
        let task = go { _ = try await proceed.receive() }
        let info = try #require(await Self.waitUntilBlocked(on: "dump-ends"))
        #expect(Goroutines.all.contains { $0.id == info.id })
        proceed.close()
        await task.value
        #expect(!Goroutines.all.contains { $0.id == info.id })
    }

    /// Records are reused, and a `Task` that inherited an ended goroutine's context (task-local
    /// values are copied into unstructured tasks) must not write over the record's next owner.
    /// On an executor of its own with one worker, the next goroutine started on that worker
    /// takes the record the ended goroutine left there (free lists are last in, first out).
    @Test func aTaskOutlivingItsGoroutineLeavesTheRecordsNextOwnerAlone() async throws {
        let executor = GoroutineExecutor(workerCount: 1, name: "dump-reuse")
        let release = Chan<Void>(label: "dump-reuse-stale")
        let mine = Chan<Void>(label: "dump-reuse-mine")
        let staleTaskResumed = Chan<Void>(capacity: 1)
        let first = go(executor: executor) {
            Task {
                _ = try? await release.receive()
                staleTaskResumed.trySend(())
            }
        }
        await first.value
        await eventually("the task parked") { release.parkedReceiverCount == 1 }

        let started = Chan<Task<Void, Never>>(capacity: 1)
        go(executor: executor) {
            started.trySend(go(executor: executor) { _ = try? await mine.receive() })
        }
        let second = try #require(try await started.receive())
        let before = try #require(await Self.waitUntilBlocked(on: "dump-reuse-mine"))

        release.close()   // the task resumes: it must not mark the record's new owner as running
        _ = try await staleTaskResumed.receive()
        let after = try #require(Self.goroutine(waitingOn: "dump-reuse-mine"))
        #expect(after.id == before.id)
        #expect(after.state == .receive)
        mine.close()
        await second.value
    }

    @Test func recordsTheGoroutineThatStartedIt() async throws {
        let inner = Chan<Int>(label: "dump-parent-inner")
        let outer = Chan<Int>(label: "dump-parent-outer")
        let task = go {
            go { _ = try await inner.receive() }
            _ = try await outer.receive()
        }
        defer {
            task.cancel()
            inner.close()
        }
        let child = try #require(await Self.waitUntilBlocked(on: "dump-parent-inner"))
        let parent = try #require(await Self.waitUntilBlocked(on: "dump-parent-outer"))
        #expect(child.parentID == parent.id)
        #expect(child.description.contains("created by \(child.function) in goroutine \(parent.id)\n"))
    }

    @Test func sigquitPrintsTheDumpAndTheProgramRunsOn() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            Goroutines.dumpOnQuitSignal()
            let never = Chan<Int>(label: "sigquit-victim")
            go { _ = try await never.receive() }
            while !Goroutines.all.contains(where: { $0.state == .receive }) { await Task.yield() }
            // Process-directed, as `kill -QUIT` sends it: `raise` would aim at this thread, and
            // the cooperative pool's threads block signals.
            kill(getpid(), SIGQUIT)
            while QuitSignal.dumpsPrinted.load(ordering: .acquiring) == 0 { await Task.yield() }
            exit(0)  // still running after the signal
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("SIGQUIT: goroutine dump"))
        #expect(stderr.contains("receive from Chan<Int> \"sigquit-victim\""))
    }
}

@Suite("Registry switch")
struct RegistrySwitchTests {
    @Test func offInTheEnvironmentRegistersNothing() async {
        await #expect(processExitsWith: .success) {
            // Read once, at the first `go`: set before any goroutine starts.
            setenv("SWIFT_CHANNELS_REGISTRY", "off", 1)
            let never = Chan<Int>()
            let started = Chan<Void>()
            go {
                try await started.send(())
                _ = try await never.receive()
            }
            _ = try await started.receive()
            guard Goroutines.count == 0, Goroutines.dump().isEmpty else { exit(1) }
            // Nothing is registered, so nothing can be reported as leaked.
            try await withGoroutineLeakCheck(grace: .milliseconds(1)) {
                go { _ = try await never.receive() }
            }
            exit(0)
        }
    }
}

// The chapter's mirroredQuery (gopl.io §8.4.4): three "mirrors" race, the first answer wins.
private func mirroredQuery(capacity: Int) async throws -> String {
    let responses = Chan<String>(capacity: capacity, label: "responses")
    go { try await responses.send("asia.gopl.io") }
    go { try await responses.send("europe.gopl.io") }
    go { try await responses.send("americas.gopl.io") }
    return try await responses.receive()!
}

@Suite("Leak check")
struct LeakCheckTests {
    @Test func catchesTheSlowMirrorsOfAnUnbufferedQuery() async throws {
        var leak: GoroutineLeak?
        do {
            _ = try await withGoroutineLeakCheck(grace: .milliseconds(200)) {
                try await mirroredQuery(capacity: 0)
            }
        } catch let error as GoroutineLeak {
            leak = error
        }
        let found = try #require(leak, "the two slow mirrors are stuck sending and must be reported")
        #expect(found.goroutines.count == 2)
        #expect(found.goroutines.allSatisfy { $0.state == .send && $0.function.contains("mirroredQuery") })
        #expect(found.description.hasPrefix("found 2 leaked goroutines:\n\n"))
        #expect(found.description.contains("send on Chan<String> \"responses\" (capacity 0, count 0)"))
    }

    @Test func passesTheBufferedQuery() async throws {
        let fastest = try await withGoroutineLeakCheck {
            try await mirroredQuery(capacity: 3)
        }
        #expect(fastest.hasSuffix(".gopl.io"))
    }

    @Test func followsGoroutinesStartedByGoroutines() async throws {
        let gate = Chan<Void>()
        var leak: GoroutineLeak?
        do {
            try await withGoroutineLeakCheck(grace: .milliseconds(100)) {
                go { go { _ = try await gate.receive() } }
            }
        } catch let error as GoroutineLeak {
            leak = error
        }
        gate.close()
        let found = try #require(leak)
        #expect(found.goroutines.count == 1)
        #expect(found.goroutines.first?.parentID != nil)
    }

    @Test func waitsForGoroutinesOnTheirWayOut() async throws {
        let finish = Chan<Void>(capacity: 1)
        try await withGoroutineLeakCheck {
            go { _ = try await finish.receive() }
            go { try await finish.send(()) }  // ends the first one shortly after the body returns
        }
    }

    @Test func anInnerCheckDoesNotHideALeakFromTheOuterOne() async throws {
        // Given a goroutine leaked inside a check nested in another
        let gate = Chan<Void>()
        var inner: GoroutineLeak?, outer: GoroutineLeak?
        do {
            try await withGoroutineLeakCheck(grace: .milliseconds(100)) {
                do {
                    try await withGoroutineLeakCheck(grace: .milliseconds(100)) {
                        go { _ = try await gate.receive() }
                    }
                } catch let error as GoroutineLeak {
                    inner = error
                }
            }
        } catch let error as GoroutineLeak {
            outer = error
        }
        gate.close()
        // Then both checks report it
        #expect(inner?.goroutines.count == 1)
        #expect(outer?.goroutines.map(\.id) == inner?.goroutines.map(\.id))
    }

    @Test func theExitCheckListsAGoroutineLeakedInsideALeakCheck() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            setenv("SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT", "1", 1)
            await runMain {
                let gate = Chan<Void>(label: "never closed")
                _ = try? await withGoroutineLeakCheck(grace: .milliseconds(10)) {
                    go { _ = try await gate.receive() }
                }
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.hasPrefix("goroutines still alive at the end of main:\n"), "\(stderr)")
        #expect(stderr.contains("receive from Chan<()> \"never closed\""), "\(stderr)")
    }

    @Test func ignoresGoroutinesStartedOutsideTheScope() async throws {
        let outside = Chan<Void>()
        let task = go { _ = try await outside.receive() }
        defer { task.cancel() }
        try await withGoroutineLeakCheck(grace: .milliseconds(50)) {}
    }
}

@Suite("Deadlock detection")
struct DeadlockTests {
    @Test func mainReceivingFromAChannelNobodySendsTo() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            await runMain(detectingDeadlocks: true) {
                let ch = Chan<Int>(label: "nobody sends")
                _ = try await ch.receive()
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.hasPrefix("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine "))
        #expect(stderr.contains("[chan receive"))
        #expect(stderr.contains("receive from Chan<Int> \"nobody sends\""))
        #expect(stderr.contains("main goroutine, run by runMain"))
    }

    @Test func runMainDetectsDeadlocksByDefault() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            await runMain {
                _ = try await Chan<Int>().receive()
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.hasPrefix("fatal error: all goroutines are asleep - deadlock!\n"))
    }

    @Test func aProgramWokenFromOutsideTurnsItOff() async {
        // A plain thread wakes main, which the detector cannot see: with it on, main's receive
        // would look like a deadlock. Off by argument, and off by the environment.
        await #expect(processExitsWith: .success) {
            let ch = Chan<Int>()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { ch.sendBlocking(1) }
            await runMain(detectingDeadlocks: false) {
                _ = try await ch.receive()
            }
        }
        await #expect(processExitsWith: .success) {
            setenv("SWIFT_CHANNELS_DETECT_DEADLOCKS", "0", 1)
            let ch = Chan<Int>()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { ch.sendBlocking(1) }
            await runMain {
                _ = try await ch.receive()
            }
        }
    }

    @Test func goroutinesWaitingOnEachOther() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            await runMain(detectingDeadlocks: true) {
                let a = Chan<Int>(), b = Chan<Int>()
                go { _ = try await a.receive(); try await b.send(1) }
                _ = try await b.receive()
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("all goroutines are asleep - deadlock!"))
        #expect(stderr.components(separatedBy: "[chan receive").count == 3)
    }

    @Test func aSenderThatEndedWithoutSending() async {
        await #expect(processExitsWith: .exitCode(2)) {
            await runMain(detectingDeadlocks: true) {
                let ch = Chan<Int>()
                let wg = WaitGroup()
                wg.go { }             // ends at once
                try await wg.wait()
                _ = try await ch.receive()
            }
        }
    }

    @Test func anEmptySelectAndAWaitGroupNobodyFinishes() async {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            await runMain(detectingDeadlocks: true) {
                go { try await select {} }
                let wg = WaitGroup()
                wg.add(1)
                try await wg.wait()
            }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("[select (no cases)"))
        #expect(stderr.contains("[sync.WaitGroup.Wait"))
    }

    /// Child tasks inherit their goroutine's context, but are not the goroutine: two of them
    /// parked must not count one goroutine as blocked twice, which made `blocked == alive` here
    /// while the main goroutine was still running.
    @Test func neverCountsAGoroutinesChildTasksAsTheGoroutine() async {
        await #expect(processExitsWith: .success) {
            await runMain(detectingDeadlocks: true) {
                let left = Chan<Int>(), right = Chan<Int>(), sum = Chan<Int>()
                go {
                    async let fromLeft = left.receive()
                    async let fromRight = right.receive()
                    let total = (try await fromLeft ?? 0) + (try await fromRight ?? 0)
                    try await sum.send(total)
                }
                // The main goroutine keeps running (it never parks) until both children have.
                while left.parkedReceiverCount + right.parkedReceiverCount < 2 { await Task.yield() }
                try await left.send(1)
                try await right.send(2)
                guard try await sum.receive() == 3 else { exit(1) }
            }
        }
    }

    @Test func neverFiresOnBusyPipelinesTimersOrOffloadedCalls() async {
        await #expect(processExitsWith: .success) {
            await runMain(detectingDeadlocks: true) {
                // A pipeline of unbuffered hand-offs, where every stage blocks again and again.
                let naturals = Chan<Int>(), squares = Chan<Int>()
                go {
                    for x in 0..<20_000 { try await naturals.send(x) }
                    naturals.close()
                }
                go {
                    for await x in naturals { try await squares.send(x * x) }
                    squares.close()
                }
                var total = 0
                for await square in squares { total &+= square }
                // A select that only a timer can end.
                let timer = Chan<Int>()
                _ = try await select {
                    receive(from: timer) { _ in }
                    receive(from: after(.milliseconds(20))) { _ in }
                }
                // A receive that only an offloaded call (on a thread of its own) can end.
                let fromThread = Chan<Int>()
                let sum = total
                go { await offload { fromThread.sendBlocking(sum) } }
                _ = try await fromThread.receive()
                // A select among goroutines that keep waking each other.
                let ping = Chan<Int>(), pong = Chan<Int>()
                go {
                    for await n in ping { try await pong.send(n + 1) }
                    pong.close()
                }
                for n in 0..<5_000 {
                    try await select { send(n, to: ping) { } }
                    _ = try await select { receive(from: pong) { $0 } }
                }
                ping.close()
            }
        }
    }
}
