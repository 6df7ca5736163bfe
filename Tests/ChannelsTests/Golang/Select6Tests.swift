// Port of Go's test/chan/select6.go (Go 1.23), Go issue 2075.
// Checks that a select which parks on a channel alongside other receivers, and then wins on a
// different channel, leaves that channel's queue of receivers intact.

import Channels
import Testing

@Suite("Go test/chan/select6.go", .timeLimit(.minutes(1)))
struct Select6Tests {
    /// Go runs the scenario once. Which receiver queues on `c1` first is up to the scheduler,
    /// so we repeat it to cover the order Go's bug needed (the select last in the queue) as
    /// well as the others.
    static let rounds = 200

    @Test("a select that loses on c1 does not strand the other receivers of c1")
    func losingSelectKeepsQueueIntact() async throws {
        for round in 0..<Self.rounds {
            let c1 = Chan<Bool>(), c2 = Chan<Bool>(), c3 = Chan<Bool>()
            // Each goroutine reports how its receives from c1 went.
            let reports = Chan<String>(capacity: 2)

            go {
                let v = try await c1.receive()
                try await reports.send("plain receiver got \(String(describing: v))")
            }
            go {
                let via = try await select {
                    receive(from: c1) { _ in "c1" }
                    receive(from: c2) { _ in "c2" }
                }
                if via == "c2" {
                    try await c3.send(true)
                }
                let v = try await c1.receive()
                try await reports.send("select goroutine won on \(via), then got \(String(describing: v))")
            }
            go { try await c2.send(true) }

            // The select has won on c2 before c3 is sent; both c1 sends must now find receivers
            // (with the bug, one of them waits forever).
            let fromSelect = try await c3.receive()
            #expect(fromSelect == true)
            try await c1.send(true)
            try await c1.send(true)

            var got: [String] = []
            for _ in 0..<2 {
                got.append(try #require(try await reports.receive()))
            }
            #expect(
                got.sorted() == [
                    "plain receiver got Optional(true)",
                    "select goroutine won on c2, then got Optional(true)",
                ],
                "round \(round)"
            )
        }
    }
}
