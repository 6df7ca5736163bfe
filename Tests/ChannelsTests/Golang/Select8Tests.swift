// Port of Go's test/chan/select8.go (Go 1.23).
// Checks leaving a select's chosen case early, in selects of one, two and three cases.
//
// Go tests `break` inside a case. A Swift handler is a closure, so the same early exit is a
// `return` from the handler; the code after it must not run, and the select must return the
// value the handler returned.

import Channels
import Testing

@Suite("Go test/chan/select8.go", .timeLimit(.minutes(1)))
struct Select8Tests {
    @Test("an early return from a handler ends the select in one-, two- and three-case selects")
    func earlyExitFromHandler() async throws {
        let ch = Chan<Int>()
        let quit = Chan<Bool>()
        let stopped = Chan<Bool>()
        // Go's sender loops forever; ours also listens on `quit` so the test can stop it.
        go {
            var running = true
            while running {
                running = try await select {
                    send(5, to: ch) { true }
                    receive(from: quit) { _ in false }
                }
            }
            try await stopped.send(true)
        }

        // The early exits are taken on a value the compiler cannot see, so that no code is
        // statically unreachable.
        var pastExit = 0

        let one = try await select {
            receive(from: ch) { v -> Int in
                if let v { return v }
                pastExit += 1
                return -1
            }
        }
        #expect(one == 5)

        let onlyOtherwise = try await select {
            otherwise { () -> Int in
                if one == 5 { return 0 }
                pastExit += 1
                return -1
            }
        }
        #expect(onlyOtherwise == 0)

        // The sender may or may not be parked now, so either case may be chosen.
        let two = try await select {
            receive(from: ch) { v -> Int in
                if let v { return v }
                pastExit += 1
                return -1
            }
            otherwise { () -> Int in
                if one == 5 { return 0 }
                pastExit += 1
                return -1
            }
        }
        #expect(two == 5 || two == 0)

        // Nobody receives from `ch`, so its send case can never be chosen.
        let three = try await select {
            receive(from: ch) { v -> Int in
                if let v { return v }
                pastExit += 1
                return -1
            }
            send(10, to: ch) { () -> Int in
                pastExit += 1
                return 10
            }
            otherwise { () -> Int in
                if one == 5 { return 0 }
                pastExit += 1
                return -1
            }
        }
        #expect(three == 5 || three == 0)
        #expect(pastExit == 0)

        quit.close()
        #expect(try await stopped.receive() == true)
    }
}
