// Port of Go's test/chan/doubleselect.go (Go 1.23).
// Checks that a select with several ready send cases commits exactly one of them: no value is
// ever delivered on two channels.

import Channels
import Testing

@Suite("Go test/chan/doubleselect.go", .timeLimit(.minutes(1)))
struct DoubleSelectTests {
    /// Go sends 100,000 values; 5,000 are enough to keep four receivers racing for each select,
    /// and stay quick under ThreadSanitizer on two cores. (Go also pins GOMAXPROCS to 2; we
    /// have no such knob and run on whatever threads the goroutine executor has.)
    static let iterations = 5_000

    @Test("each value of a four-way send select arrives once and only once")
    func noValueIsDeliveredTwice() async throws {
        let n = Self.iterations
        let c1 = Chan<Int>(), c2 = Chan<Int>(), c3 = Chan<Int>(), c4 = Chan<Int>()
        let merged = Chan<Int>()
        let done = Chan<Bool>()

        go { try await fourWaySender(count: n, c1.sendOnly, c2.sendOnly, c3.sendOnly, c4.sendOnly) }
        // Four forwarders merge the four channels into one; with a single channel in all four
        // cases the sender would not exercise the bug Go's test was written for.
        for source in [c1, c2, c3, c4] {
            go { try await forward(from: source.receiveOnly, to: merged.sendOnly, done: done.sendOnly) }
        }
        go {
            for _ in 0..<4 {
                _ = try await done.receive()
            }
            merged.close()
        }

        var seen = Set<Int>()
        var duplicates: [Int] = []
        for await v in merged {
            if !seen.insert(v).inserted {
                duplicates.append(v)
            }
        }
        #expect(duplicates.isEmpty, "values delivered twice: \(duplicates.prefix(10))")
        #expect(seen == Set(0..<n), "\(n - seen.count) values went missing")
    }
}

/// Sends 0..<count, each value through whichever of the four channels is ready first, then
/// closes all four.
private func fourWaySender(
    count: Int, _ c1: SendChan<Int>, _ c2: SendChan<Int>, _ c3: SendChan<Int>, _ c4: SendChan<Int>
) async throws {
    defer {
        c1.close()
        c2.close()
        c3.close()
        c4.close()
    }
    for i in 0..<count {
        try await select {
            send(i, to: c1) {}
            send(i, to: c2) {}
            send(i, to: c3) {}
            send(i, to: c4) {}
        }
    }
}

/// Copies everything from `source` to `destination` until `source` is closed, then says so on
/// `done`.
private func forward(from source: ReceiveChan<Int>, to destination: SendChan<Int>, done: SendChan<Bool>) async throws {
    for await v in source {
        try await destination.send(v)
    }
    try await done.send(true)
}
