// Port of Go's test/chan/sendstmt.go (Go 1.23).
// Checks sending to a channel that was itself received from a channel, inside a select, and
// sending the value of an expression.
//
// Go's file is mostly about parsing `<-cc <- 2` and `c <- false || true`; Swift has no such
// operators, so what we keep is the meaning of each statement.

import Channels
import Testing

@Suite("Go test/chan/sendstmt.go", .timeLimit(.minutes(1)))
struct SendStmtTests {
    @Test("a select sends on a channel received from a channel of channels")
    func channelOfChannels() async throws {
        let cc = Chan<Chan<Int>>(capacity: 1)
        let c = Chan<Int>(capacity: 1)
        try await cc.send(c)
        // Go evaluates the channel operand `<-cc` once, on entering the select; here that
        // receive is written out just before it. Its result is optional (nil would mean `cc`
        // was closed), which a send case accepts as an absent channel, as Go would a nil one.
        let target = try await cc.receive()
        #expect(target == c)
        let sent = try await select {
            send(2, to: target) { true }
            otherwise { false }
        }
        #expect(sent, "the send case was not ready")
        #expect(try await c.receive() == 2)
    }

    @Test("a send transmits the value of the whole expression")
    func sendOfAnExpression() async throws {
        let c = Chan<Bool>(capacity: 1)
        let no = false
        try await c.send(no || true)
        #expect(try await c.receive() == true)
    }
}
