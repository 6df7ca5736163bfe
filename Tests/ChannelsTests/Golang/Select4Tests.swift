// Port of Go's test/chan/select4.go (Go 1.23).
// Checks that a select takes the one case whose channel holds a value, and that the other
// case's code never runs.
//
// In Go the losing case's assignment target is a function call that must not be evaluated;
// here that code is the losing case's handler, which must not be called.

import Channels
import Testing

@Suite("Go test/chan/select4.go", .timeLimit(.minutes(1)))
struct Select4Tests {
    @Test("a select proceeds with the case that has a value ready")
    func readyCaseIsChosen() async throws {
        let c = Chan<Int>(capacity: 1)
        let c1 = Chan<Int>()
        try await c.send(42)

        var losingHandlerCalls = 0
        var x = 0
        try await select {
            receive(from: c1) { v in
                losingHandlerCalls += 1
                x = v ?? -1
            }
            receive(from: c) { v in
                x = v ?? -1
            }
        }
        #expect(losingHandlerCalls == 0)
        #expect(x == 42)
        #expect(c.count == 0)
    }
}
