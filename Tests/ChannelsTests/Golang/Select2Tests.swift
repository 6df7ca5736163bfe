// Port of Go's test/chan/select2.go (Go 1.23).
// Checks that many blocking selects leave nothing behind on the channels they did not choose.
//
// Go measures the heap before and after 100,000 selects. We have no portable heap statistics,
// so we check the cause such growth would have: a select that parks on two channels and wins
// on one must take its waiter off the other. The package's parking hook counts the waiters
// left on `dummy`; and a stale waiter must not make a non-blocking send to `dummy` look as if
// it had a receiver.

@_spi(Testing) import Channels
import Testing

@Suite("Go test/chan/select2.go", .timeLimit(.minutes(1)))
struct Select2Tests {
    /// Go runs 100,000 selects per round; 10,000 are plenty to show stale waiters piling up
    /// and keep the test quick under ThreadSanitizer.
    static let selects = 10_000

    @Test("selects that lose on one channel leave no waiter on it")
    func losingCasesAreCleanedUp() async throws {
        let c = Chan<Int>()
        let dummy = Chan<Int>()
        // Go warms up with one round and measures the second; we check after each.
        for round in 1...2 {
            let n = Self.selects
            go {
                for _ in 0..<n {
                    try await c.send(1)
                }
            }
            var received = 0
            for _ in 0..<n {
                try await select {
                    receive(from: c) { v in
                        if v == 1 { received += 1 }
                    }
                    receive(from: dummy) { _ in
                        _ = Issue.record("dummy was chosen but nobody sends on it")
                    }
                }
            }
            #expect(received == n, "round \(round)")
            #expect(dummy.parkedReceiverCount == 0, "round \(round): selects left receivers parked on dummy")
            #expect(c.parkedReceiverCount == 0, "round \(round): selects left receivers parked on c")
            #expect(dummy.trySend(1) == .wouldBlock, "round \(round): a stale receiver is still parked on dummy")
            #expect(c.trySend(1) == .wouldBlock, "round \(round): a stale receiver is still parked on c")
        }
    }
}
