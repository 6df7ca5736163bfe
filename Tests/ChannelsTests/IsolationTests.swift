// Every operation from any isolation: @MainActor code, an actor, a plain task; goroutines
// never run on the caller's actor.
import Testing
import Channels

@MainActor
@Suite("Isolation", .timeLimit(.minutes(1)))
struct IsolationTests {
    @Test func everyOperationFromTheMainActor() async throws {
        let ch = Chan<Int>(capacity: 1)
        let unbuffered = Chan<String>()
        var log: [String] = []  // main-actor local state captured by select handlers
        go { try await unbuffered.send("hello") }
        try await ch.send(1)
        log.append("received \(try await ch.receive()!)")
        try await select {
            receive(from: unbuffered) { v in log.append("select \(v!)") }
        }
        try await select {
            receive(from: ch) { _ in log.append("unexpected") }
            otherwise { log.append("default") }
        }
        let wg = WaitGroup()
        wg.add(1)
        go { wg.done() }
        try await wg.wait()
        ch.close()
        for await v in ch { log.append("range \(v)") }
        #expect(log == ["received 1", "select hello", "default"])
    }

    @Test func goroutineStartedFromTheMainActorRunsElsewhere() async throws {
        // The goroutine blocks its thread until the main actor sends. Had it inherited the main
        // actor, the main actor would be stuck inside it and the send below could never run.
        // (Thread.isMainThread proves nothing on Linux, where the main queue is drained by a
        // worker thread once the main thread has parked in dispatch_main.)
        let ch = Chan<Int>()
        let done = Chan<Int>(capacity: 1)
        go { done.trySend(ch.receiveBlocking()! + 1) }
        try await ch.send(41)
        #expect(try await done.receive() == 42)
    }

    @Test func handlersRunOnTheCallersActor() async {
        // A handler that is not on the main actor fails the isolation precondition and so the
        // child process.
        await #expect(processExitsWith: .success) {
            await checkHandlersOnMainActor()
        }
    }

    @Test func channelsInsideAnActor() async throws {
        actor Tally {
            var total = 0
            func drain(_ ch: Chan<Int>) async throws {
                while true {
                    let more = try await select {
                        receive(from: ch) { v in
                            if let v { self.total += v }  // actor state, inside a handler
                            return v != nil
                        }
                    }
                    if !more { return }
                }
            }
        }
        let tally = Tally()
        let ch = Chan<Int>(capacity: 2)
        go {
            for i in 1...100 { try await ch.send(i) }
            ch.close()
        }
        try await tally.drain(ch)
        #expect(await tally.total == 5050)
    }
}

@MainActor
private func checkHandlersOnMainActor() async {
    let ch = Chan<Int>(capacity: 1)
    try! await ch.send(1)
    try! await select {
        receive(from: ch) { _ in
            MainActor.preconditionIsolated()
            await Task.yield()
            MainActor.preconditionIsolated()
        }
    }
    try! await select {
        receive(from: ch) { _ in }
        otherwise { MainActor.preconditionIsolated() }
    }
}
