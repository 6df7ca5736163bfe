// Port of Go's test/chan/select3.go (Go 1.23).
// Checks which channel operations and selects block and which complete at once: nil
// (absent) channels, empty and full buffers, closed channels, and `otherwise`.
//
// Go decides "blocks" by racing the operation against a 10 ms sleep and "does not block" by
// racing it against a 10 s one. We use no clock:
// - "does not block": the operation runs right in the test; if it blocked, the test's time
//   limit would fail it.
// - "blocks": the operation runs in a goroutine (see `expectBlocks`). Where it waits on a real
//   channel, the test waits, through the package's parking hook, until it is parked there; it
//   must not have finished by then, and when the goroutine is cancelled it must end by throwing
//   CancellationError, which proves it was still waiting. Where a non-blocking form exists
//   (a select with `otherwise`, tryReceive), we check that it reports "would block" too.
//
// Not ported: Go's plain `nilch <- 7` and `<-nilch` on a nil channel. A `Chan` is never nil;
// an absent channel exists only as an Optional in a select case, and those are tested below.
// Go's two "sending to a closed channel panics" checks (plain send and select send) trap the
// process here; they belong to the exit tests, not to this file.

@_spi(Testing) import Channels
import Testing

@Suite("Go test/chan/select3.go", .timeLimit(.minutes(1)))
struct Select3Tests {
    /// Go's `nilch`: a channel variable holding nil.
    let nilch: Chan<Int>? = nil

    /// A channel that is closed before every test.
    let closedch: Chan<Int> = {
        let ch = Chan<Int>()
        ch.close()
        return ch
    }()

    @Test("a select never chooses a case on an absent channel")
    func absentChannelIsNeverChosen() async throws {
        let nilch = self.nilch
        let sendChosen = try await select {
            send(7, to: nilch) { true }
            otherwise { false }
        }
        #expect(!sendChosen)
        let receiveChosen = try await select {
            receive(from: nilch) { _ in true }
            otherwise { false }
        }
        #expect(!receiveChosen)
    }

    @Test("a send into a buffer with room does not block")
    func sendWithRoomDoesNotBlock() async throws {
        let ch = Chan<Int>(capacity: 1)
        try await ch.send(7)
        #expect(ch.count == 1)
    }

    @Test("a receive from a closed channel does not block and yields nil")
    func receiveFromClosedDoesNotBlock() async throws {
        // Go checks both the zero value of `<-ch` and the `ok` of `x, ok := <-ch`; in Swift both
        // are the one nil.
        for _ in 0..<10 {
            #expect(try await closedch.receive() == nil)
            #expect(try await closedch.receive() == nil)
        }
        // The non-trapping counterpart of Go's "send on closed channel" panic.
        #expect(closedch.trySend(7) == .closed)
    }

    @Test("a receive from a channel with nothing to give blocks")
    func receiveFromEmptyBlocks() async throws {
        let ch = Chan<Int>()
        #expect(ch.tryReceive() == .wouldBlock)
        try await expectBlocks("receive from an empty unbuffered channel", parked: { ch.parkedReceiverCount == 1 }) {
            _ = try await ch.receive()
        }
        #expect(ch.parkedReceiverCount == 0, "the cancelled receive is still parked")
    }

    @Test("an empty select blocks")
    func emptySelectBlocks() async throws {
        try await expectBlocks("select {}") {
            try await select {}
        }
        try await expectBlocks("select(cases: [])") {
            let cases: [SelectCase<Void>] = []
            try await select(cases: cases)
        }
    }

    @Test("a select whose only channels are absent blocks")
    func selectOnAbsentChannelsBlocks() async throws {
        let nilch = self.nilch
        try await expectBlocks("select { <-nilch }") {
            try await select {
                receive(from: nilch) { _ in }
            }
        }
        try await expectBlocks("select { nilch <- 7 }") {
            try await select {
                send(7, to: nilch) {}
            }
        }
        try await expectBlocks("select { <-nilch; nilch <- 7 }") {
            try await select {
                receive(from: nilch) { _ in }
                send(7, to: nilch) {}
            }
        }
    }

    @Test("a select on a channel that is not ready blocks")
    func selectOnUnreadyChannelBlocks() async throws {
        let ch = Chan<Int>()
        let tookOtherwise = try await select {
            receive(from: ch) { _ in false }
            otherwise { true }
        }
        #expect(tookOtherwise)
        try await expectBlocks("select { <-ch } on an empty channel", parked: { ch.parkedReceiverCount == 1 }) {
            try await select {
                receive(from: ch) { _ in }
            }
        }
        #expect(ch.parkedReceiverCount == 0, "the cancelled select is still parked")
    }

    @Test("a select with otherwise does not block")
    func selectWithOtherwiseDoesNotBlock() async throws {
        let nilch = self.nilch
        var chosen: [String] = []
        try await select {
            otherwise { chosen.append("only otherwise") }
        }
        try await select {
            receive(from: nilch) { _ in chosen.append("<-nilch") }
            otherwise { chosen.append("otherwise after <-nilch") }
        }
        try await select {
            send(7, to: nilch) { chosen.append("nilch <- 7") }
            otherwise { chosen.append("otherwise after nilch <- 7") }
        }
        #expect(chosen == ["only otherwise", "otherwise after <-nilch", "otherwise after nilch <- 7"])
    }

    @Test("a select with a ready case does not block and does not take otherwise")
    func selectWithReadyCaseDoesNotBlock() async throws {
        let ch = Chan<Int>(capacity: 1)
        let sent = try await select {
            send(7, to: ch) { true }
            otherwise { false }
        }
        #expect(sent)
        #expect(ch.count == 1)

        let other = Chan<Int>(capacity: 1)
        try await other.send(7)
        let received = try await select {
            receive(from: other) { v in v }
            otherwise { Int?.none }
        }
        #expect(received == 7)
    }

    @Test("a receive case on a closed channel is ready at once")
    func selectOnClosedChannelDoesNotBlock() async throws {
        // Go spells the case three ways (value ignored, value bound, value and ok bound); the
        // handler here always gets the value, nil for closed.
        var handled = 0
        try await select {
            receive(from: closedch) { _ in handled += 1 }
        }
        let value = try await select {
            receive(from: closedch) { v in v }
        }
        #expect(value == nil)
        let closed = try await select {
            receive(from: closedch.receiveOnly) { v in v == nil }
        }
        #expect(closed)
        #expect(handled == 1)
    }

    @Test("a select that sends to and receives from the same channel does not pair with itself")
    func selectDoesNotMatchItself() async throws {
        let c = Chan<Int>()
        // Parked as both a sender and a receiver on `c`, the select must not complete.
        try await expectBlocks(
            "select { c <- 1; <-c }", parked: { c.parkedSenderCount == 1 && c.parkedReceiverCount == 1 }
        ) {
            try await select {
                send(1, to: c) {}
                receive(from: c) { _ in }
            }
        }
        #expect(c.parkedSenderCount == 0 && c.parkedReceiverCount == 0, "the cancelled select left a waiter on c")
        #expect(c.tryReceive() == .wouldBlock)
    }
}

/// How an operation started by `expectBlocks` ended.
private enum Ending: Sendable, Equatable {
    case returned
    case cancelled
    case threw(String)
}

/// Checks that `operation` blocks.
///
/// It runs in a goroutine. If `parked` is given, the test waits until it holds (the operation
/// is parked on its channel), so the check that the operation has not finished is exact. An
/// operation on absent channels only parks in the select runtime, where nothing can observe it,
/// so then the test only yields for a while: that check can miss a bug but never invents one.
/// Finally the goroutine is cancelled: an operation still waiting ends by throwing
/// CancellationError, while one that had completed would have returned. (The operations hand
/// their results to nobody: if one returns, that alone is the failure reported here.)
private func expectBlocks(
    _ what: Comment, parked: (@Sendable () -> Bool)? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ operation: @escaping @Sendable () async throws -> Void
) async throws {
    let started = Chan<Bool>()
    let ending = Chan<Ending>(capacity: 1)
    let goroutine = go {
        try await started.send(true)
        do {
            try await operation()
            ending.trySend(.returned)
        } catch is CancellationError {
            ending.trySend(.cancelled)
        } catch {
            ending.trySend(.threw("\(error)"))
        }
    }
    _ = try await started.receive()
    if let parked {
        await eventually("\(what) parks", sourceLocation: sourceLocation) {
            parked() || ending.count > 0
        }
    } else {
        for _ in 0..<100 {
            await Task.yield()
        }
    }
    if let early = ending.tryReceive().value {
        Issue.record("\(what) did not block: it ended with \(early)", sourceLocation: sourceLocation)
        return
    }
    goroutine.cancel()
    let end = try await ending.receive()
    #expect(end == .cancelled, "\(what)", sourceLocation: sourceLocation)
}
