// Port of Go's test/chan/goroutines.go (Go 1.23).
// Builds a long line of goroutines joined by unbuffered channels and checks that one value
// travels its whole length, leaving every goroutine finished.

import Channels
import Testing

@Suite("Go test/chan/goroutines.go", .timeLimit(.minutes(1)))
struct GoroutinesTests {
    /// Go starts 10,000 goroutines; 1,000 keep the test quick under ThreadSanitizer on two cores
    /// while still parking far more goroutines than there are threads.
    static let goroutines = 1_000

    @Test("a value passes down a chain of 1,000 goroutines")
    func valueCrossesTheChain() async throws {
        // Goroutine k receives from channel k+1 and forwards to channel k, so every goroutine
        // is parked in a receive until the value injected at the far end reaches it.
        let leftmost = Chan<Int>()
        var left = leftmost
        for _ in 0..<Self.goroutines {
            let right = Chan<Int>()
            go { [left] in
                if let v = try await right.receive() {
                    try await left.send(v)
                }
            }
            left = right
        }
        let rightmost = left
        go { try await rightmost.send(1) }
        let arrived = try await leftmost.receive()
        #expect(arrived == 1)
    }
}
