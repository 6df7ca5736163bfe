// Port of Go's test/chan/select.go (Go 1.23).
// Checks a non-blocking select loop over buffered channels: each ready send is taken once, a
// nil (absent) channel is never chosen, and every case's value is computed on each pass.

import Channels
import Testing

@Suite("Go test/chan/select.go", .timeLimit(.minutes(1)))
struct SimpleSelectTests {
    @Test("a send select fills each one-slot channel once, then takes otherwise")
    func sendLoop() async throws {
        var evaluations = 0
        var shift: UInt = 0
        // Each evaluation counts itself; the value is a fresh bit per pass, so the two values
        // sent can be told apart and must be different.
        func nextValue() -> UInt {
            evaluations += 1
            return 1 << shift
        }

        // Selects until neither channel can take a value. A case whose channel has been filled
        // is switched off by making its channel absent, as Go does with `a = nil`. Returns how
        // many sends were made.
        func sendAll(_ a: Chan<UInt>?, _ b: Chan<UInt>?) async throws -> Int {
            var a = a, b = b
            var sends = 0
            // Two send cases and then `otherwise`: a third pass must end the loop.
            for _ in 0..<3 {
                let sent = try await select {
                    send(nextValue(), to: a) {
                        sends += 1
                        a = nil
                        return true
                    }
                    send(nextValue(), to: b) {
                        sends += 1
                        b = nil
                        return true
                    }
                    otherwise { false }
                }
                if !sent {
                    return sends
                }
                shift += 1
            }
            Issue.record("the select kept choosing a send case after both channels were used")
            return sends
        }

        let a = Chan<UInt>(capacity: 1)
        let b = Chan<UInt>(capacity: 1)
        #expect(try await sendAll(a, b) == 2)
        let av = try #require(try await a.receive())
        let bv = try #require(try await b.receive())
        #expect(av | bv == 3, "got \(av) and \(bv)")

        #expect(try await sendAll(a, nil) == 1)
        // Both value expressions run on every pass, including the one for an absent channel:
        // three passes for the first loop and two for the second.
        #expect(evaluations == 10)
        #expect(try await a.receive() == 4)
    }
}
