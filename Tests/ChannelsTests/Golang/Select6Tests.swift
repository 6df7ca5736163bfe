// Port of Go's test/chan/select6.go (Go 1.23), Go issue 2075.
// Checks that a select which parks on a channel alongside other receivers, and then wins on a
// different channel, leaves that channel's queue of receivers intact.

import Channels
import Testing

@Suite("Go test/chan/select6.go", .timeLimit(.minutes(1)))
struct Select6Tests {
    /// Go runs the scenario once and leaves to the scheduler which receiver queues on `c1`
    /// first; the bug needed the select to be last. We wait (through the package's parking
    /// hook) until each goroutine is parked, so both orders are run for certain, several times.
    @Test(
        "a select that loses on c1 does not strand the other receivers of c1",
        arguments: [true, false]
    )
    func losingSelectKeepsQueueIntact(selectParksLast: Bool) async throws {
        for round in 0..<20 {
            let c1 = Chan<Bool>(), c2 = Chan<Bool>(), c3 = Chan<Bool>()
            // Each goroutine reports how its receives from c1 went.
            let reports = Chan<String>(capacity: 2)

            func startPlainReceiver() {
                go {
                    let v = try await c1.receive()
                    try await reports.send("plain receiver got \(String(describing: v))")
                }
            }
            if selectParksLast {
                startPlainReceiver()
                await c1.waitForParkedReceivers(1)
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
            await c1.waitForParkedReceivers(selectParksLast ? 2 : 1)
            if !selectParksLast {
                startPlainReceiver()
                await c1.waitForParkedReceivers(2)
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
                "round \(round), select parked last: \(selectParksLast)"
            )
        }
    }
}
