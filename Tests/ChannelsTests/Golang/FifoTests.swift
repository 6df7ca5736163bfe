// Port of Go's test/chan/fifo.go (Go 1.23).
// Checks that values leave a channel in the order they entered it, buffered or unbuffered.

import Channels
import Testing

@Suite("Go test/chan/fifo.go", .timeLimit(.minutes(1)))
struct FifoTests {
    /// How many values each test pushes through (Go uses the same number).
    static let n = 10

    @Test("a buffered channel hands values back in the order they were sent")
    func bufferedChannelIsFifo() async throws {
        let ch = Chan<Int>(capacity: Self.n)
        for i in 0..<Self.n {
            try await ch.send(i)
        }
        #expect(ch.count == Self.n)
        for i in 0..<Self.n {
            let v = try await ch.receive()
            #expect(v == i)
        }
        #expect(ch.count == 0)
    }

    @Test("successive receivers on an unbuffered channel get successive sends")
    func unbufferedChannelIsFifo() async throws {
        // A relay of goroutines: each waits for the baton, takes exactly one value from `ch`,
        // writes it on the baton and passes the baton on. Only one of them is receiving at any
        // time, so the baton that comes out of the last one lists what the receivers got, in
        // the order they got it, while this task sends 0, 1, 2, … one at a time.
        let ch = Chan<Int>()
        let start = Chan<[Int]>()
        var baton = start
        for _ in 0..<Self.n {
            let next = Chan<[Int]>()
            go { [baton] in
                try await relay(values: ch.receiveOnly, baton: baton.receiveOnly, next: next.sendOnly)
            }
            baton = next
        }
        try await start.send([])
        for i in 0..<Self.n {
            try await ch.send(i)
        }
        let received = try await baton.receive()
        #expect(received == Array(0..<Self.n))
    }
}

/// One runner of the relay: waits for the baton, appends the one value it receives from
/// `values` (-1 if that channel was closed), and hands the baton to `next`.
private func relay(values: ReceiveChan<Int>, baton: ReceiveChan<[Int]>, next: SendChan<[Int]>) async throws {
    guard var seen = try await baton.receive() else { return }
    seen.append(try await values.receive() ?? -1)
    try await next.send(seen)
}
