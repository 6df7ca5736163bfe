// Port of Go's test/closedchan.go (Go 1.23).
// A closed channel answers every kind of receive at once with "closed" once drained, still
// delivers what it buffered before the close, and traps on send and on a second close.
//
// How the Go program maps here:
// - Go wraps the channel three ways (plain operators, one-case selects, selects with an extra
//   case on a channel nobody uses) and runs every check through each. `Form` names the three,
//   and `Probe` performs each operation in the chosen form.
// - Go's Recv and Recv2 differ only in whether the "ok" flag is returned; Swift's receive returns
//   an optional, which carries both, so each pair is one operation here (Go's loop calls both
//   forms, and so does this port: the same operation twice per round). The same holds for
//   Nbrecv and Nbrecv2. Go's four `testasync` functions thus collapse to two ways of taking the
//   buffered value first; `for await` is added as a third.
// - Go's non-blocking send on a plain channel is a select with a default, which panics on a
//   closed channel. Swift's `trySend` deliberately reports `.closed` instead of trapping, so the
//   plain form checks that (and that nothing was buffered), while the select forms must trap.
// - Go recovers from each panic and keeps going, checking that the refused value was dropped.
//   A trap ends a Swift process, so every trap runs in an exit test (a child process) and the
//   test reads its standard error; what happens after the trap cannot be observed there.
// - Go also closes a nil channel and expects a panic. A `Chan` is never nil in Swift, and an
//   optional one cannot be closed without unwrapping it, so that case cannot be written.

import Channels
import Testing

@Suite("Go test/closedchan.go", .timeLimit(.minutes(1)))
struct ClosedChanTests {
    /// The three ways Go's test performs each operation.
    enum Form: String, CaseIterable, Codable, Sendable {
        case direct          // Go's XChan: send, receive, trySend, tryReceive
        case oneCaseSelect   // Go's SChan: a select with the one case (and `otherwise` when non-blocking)
        case withIdleCase    // Go's SSChan: the same select plus a receive nobody can satisfy
    }

    /// How the value buffered before the close is taken (Go's testasync1 to testasync4).
    enum FirstReceive: String, CaseIterable, Codable, Sendable {
        case blocking     // Go's Recv and Recv2
        case nonBlocking  // Go's Nbrecv and Nbrecv2
        case forAwait     // not in Go: `for await`, which takes the value and then ends
    }

    /// The closed channels the traps are tried on.
    enum Kind: String, CaseIterable, Codable, Sendable {
        case unbuffered      // Go's closedsync
        case bufferedFull    // Go's closedasync, its value still buffered (room for one more)
        case bufferedEmpty   // Go's closedasync after its value was received
    }

    @Test("a closed unbuffered channel reports closed to every receive, forever",
          arguments: Form.allCases)
    func closedchanUnbuffered(form: Form) async throws {
        try await expectClosedAndEmpty(Probe(form, closedUnbuffered()))
    }

    @Test("a closed buffered channel first delivers its value, then reports closed",
          arguments: Form.allCases, FirstReceive.allCases)
    func closedchanBuffered(form: Form, first: FirstReceive) async throws {
        let probe = try await Probe(form, closedBuffered())
        switch first {
        case .blocking:
            #expect(try await probe.take() == 1)
        case .nonBlocking:
            #expect(try await probe.tryTake() == .ready(1))
        case .forAwait:
            var seen: [Int] = []
            for await v in probe.ch {
                seen.append(v)
                if seen.count == 10 { break }  // a channel that never ends would fail, not hang
            }
            #expect(seen == [1])
        }
        try await expectClosedAndEmpty(probe)
    }

    @Test("sending to a closed channel traps with \"send on closed channel\"",
          arguments: Form.allCases, Kind.allCases)
    func closedchanSendTraps(form: Form, kind: Kind) async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) { [form, kind] in
            let probe = try await Probe(form, closedChannel(kind))
            try await probe.put(2)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("send on closed channel"), "stderr was: \(stderr)")
    }

    @Test("a select send with otherwise on a closed channel traps instead of taking otherwise",
          arguments: [Form.oneCaseSelect, .withIdleCase], Kind.allCases)
    func closedchanNonBlockingSendTraps(form: Form, kind: Kind) async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) { [form, kind] in
            let probe = try await Probe(form, closedChannel(kind))
            _ = try await probe.tryPut(2)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("send on closed channel"), "stderr was: \(stderr)")
    }

    @Test("trySend on a closed channel reports .closed and buffers nothing", arguments: Kind.allCases)
    func closedchanTrySendReportsClosed(kind: Kind) async throws {
        let ch = try await closedChannel(kind)
        let countBefore = ch.count
        #expect(ch.trySend(2) == .closed)
        #expect(ch.sendOnly.trySend(3) == .closed)
        #expect(ch.count == countBefore)
    }

    @Test("closing a closed channel traps with \"close of closed channel\"", arguments: Kind.allCases)
    func closedchanCloseTwiceTraps(kind: Kind) async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) { [kind] in
            let ch = try await closedChannel(kind)
            ch.close()
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("close of closed channel"), "stderr was: \(stderr)")
    }

    @Test("closing through the send-only view counts as the same channel's close")
    func closedchanCloseThroughViewTraps() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.sendOnly.close()
            ch.close()
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("close of closed channel"), "stderr was: \(stderr)")
    }
}

// MARK: - Channels

/// Go's closedsync: an unbuffered channel, closed.
private func closedUnbuffered() -> Chan<Int> {
    let c = Chan<Int>()
    c.close()
    return c
}

/// Go's closedasync: room for two, one value sent, then closed.
private func closedBuffered() async throws -> Chan<Int> {
    let c = Chan<Int>(capacity: 2)
    try await c.send(1)
    c.close()
    return c
}

private func closedChannel(_ kind: ClosedChanTests.Kind) async throws -> Chan<Int> {
    switch kind {
    case .unbuffered:
        return closedUnbuffered()
    case .bufferedFull:
        return try await closedBuffered()
    case .bufferedEmpty:
        let c = try await closedBuffered()
        _ = try await c.receive()
        return c
    }
}

// MARK: - Operations in each form

/// What a non-blocking receive saw: nothing ready, or a completed receive (nil when closed).
private enum Polled: Equatable {
    case notReady
    case ready(Int?)
}

/// The channel under test with Go's operations, performed in one of the three forms.
/// (The names avoid `send` and `receive`, which would hide the select builder's functions.)
private struct Probe {
    let form: ClosedChanTests.Form
    let ch: Chan<Int>
    /// Go's `dummy`: nobody ever sends on it or closes it, so a case on it is never ready.
    let idle = Chan<Bool>()

    init(_ form: ClosedChanTests.Form, _ ch: Chan<Int>) {
        self.form = form
        self.ch = ch
    }

    /// Go's Send.
    func put(_ x: Int) async throws {
        switch form {
        case .direct:
            try await ch.send(x)
        case .oneCaseSelect:
            try await select {
                send(x, to: ch) {}
            }
        case .withIdleCase:
            try await select {
                send(x, to: ch) {}
                receive(from: idle) { _ in idleChosen() }
            }
        }
    }

    /// Go's Nbsend: whether the value went out without waiting. The direct form is `trySend`,
    /// which returns nil here for `.closed` (it does not trap, unlike Go's select).
    func tryPut(_ x: Int) async throws -> Bool? {
        switch form {
        case .direct:
            switch ch.trySend(x) {
            case .sent: return true
            case .wouldBlock: return false
            case .closed: return nil
            }
        case .oneCaseSelect:
            let sent: Bool = try await select {
                otherwise { false }
                send(x, to: ch) { true }
            }
            return sent
        case .withIdleCase:
            let sent: Bool = try await select {
                receive(from: idle) { _ -> Bool in
                    idleChosen()
                    return false
                }
                otherwise { false }
                send(x, to: ch) { true }
            }
            return sent
        }
    }

    /// Go's Recv and Recv2: the value, or nil once the channel is closed and drained.
    func take() async throws -> Int? {
        switch form {
        case .direct:
            return try await ch.receive()
        case .oneCaseSelect:
            return try await select {
                receive(from: ch) { v in v }
            }
        case .withIdleCase:
            return try await select {
                receive(from: idle) { _ -> Int? in
                    idleChosen()
                    return -1
                }
                receive(from: ch) { v in v }
            }
        }
    }

    /// Go's Nbrecv and Nbrecv2.
    func tryTake() async throws -> Polled {
        switch form {
        case .direct:
            switch ch.tryReceive() {
            case .value(let v): return .ready(v)
            case .closed: return .ready(nil)
            case .wouldBlock: return .notReady
            }
        case .oneCaseSelect:
            return try await select {
                otherwise { Polled.notReady }
                receive(from: ch) { v in Polled.ready(v) }
            }
        case .withIdleCase:
            return try await select {
                receive(from: idle) { _ -> Polled in
                    idleChosen()
                    return .notReady
                }
                otherwise { Polled.notReady }
                receive(from: ch) { v in Polled.ready(v) }
            }
        }
    }
}

/// The idle channel can never be ready; Go panics if its case runs.
private func idleChosen() {
    Issue.record("a select chose the case on a channel that nobody sends on or closes")
}

// MARK: - The checks

/// Go's test1: a closed, drained channel answers every receive at once with "closed", again and
/// again, and a refused send leaves nothing behind.
private func expectClosedAndEmpty(_ probe: Probe, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for round in 0..<3 {
        // Go asks with and without the ok flag; both are this one call.
        #expect(try await probe.take() == nil, "round \(round), blocking receive", sourceLocation: sourceLocation)
        #expect(try await probe.take() == nil, "round \(round), blocking receive again", sourceLocation: sourceLocation)
        // "Closed" is ready: a non-blocking receive completes rather than reporting not ready.
        #expect(try await probe.tryTake() == .ready(nil), "round \(round), non-blocking receive", sourceLocation: sourceLocation)
        #expect(try await probe.tryTake() == .ready(nil), "round \(round), non-blocking receive again", sourceLocation: sourceLocation)
    }

    // Not in Go: the receive-side views and `for await` agree.
    #expect(try await probe.ch.receiveOnly.receive() == nil, sourceLocation: sourceLocation)
    #expect(probe.ch.receiveOnly.tryReceive() == .closed, sourceLocation: sourceLocation)
    var seen: [Int] = []
    for await v in probe.ch.receiveOnly {
        seen.append(v)
        if seen.count == 10 { break }  // a loop that never ended would fail, not hang
    }
    #expect(seen.isEmpty, "for await over a closed, drained channel yielded \(seen)", sourceLocation: sourceLocation)
    #expect(probe.ch.count == 0, sourceLocation: sourceLocation)

    // Go's non-blocking send must panic for every form. The select forms trap, which the exit
    // tests cover; the direct form's trySend reports the close instead.
    if probe.form == .direct {
        #expect(try await probe.tryPut(1) == nil, "trySend on a closed channel", sourceLocation: sourceLocation)
        // The refused value is gone: the channel is still closed and empty.
        #expect(try await probe.take() == nil, sourceLocation: sourceLocation)
        #expect(probe.ch.count == 0, sourceLocation: sourceLocation)
    }
}
