// select's result type comes from its context, as any Swift expression's does: each shape below
// failed to compile while the builder checked its cases one by one, before the expected type
// reached them. Each test compiles one shape and runs it.
import Testing
import Channels

@Suite("select infers its result type", .timeLimit(.minutes(1)))
struct SelectInferenceTests {
    @Test func firstCaseSettlesTheTypeForTheOthers() async throws {
        // The README's first example: `v in v` gives Int?, so `nil` in the timeout case is Int?.
        let squares = Chan<Int>(capacity: 1)
        try await squares.send(49)
        let first = try await select {
            receive(from: squares) { v in v }
            receive(from: after(.seconds(60))) { _ in nil }
        }
        #expect(first == 49)
    }

    @Test func annotatedOptionalWithNilOtherwise() async throws {
        let c = Chan<Int>()
        let v: Int? = try await select { receive(from: c) { $0 }; otherwise { nil } }
        #expect(v == nil)
        let w: Int? = try await select { receive(from: c) { $0 }; otherwise { .none } }
        #expect(w == nil)
        let x: Int? = try await select { receive(from: c) { $0 }; otherwise { return nil } }
        #expect(x == nil)
    }

    @Test func literalsTakeTheContextualType() async throws {
        let c = Chan<Int>(capacity: 1)
        let d: Double = try await select { receive(from: c) { _ in 1 }; otherwise { 2.5 } }
        #expect(d == 2.5)
        try await c.send(0)
        let e: Double = try await select { receive(from: c) { _ in 1 }; otherwise { 2.5 } }
        #expect(e == 1.0)
    }

    @Test func returnTypeOfTheEnclosingFunctionSettlesIt() async throws {
        func poll(_ c: Chan<String>) async throws -> String? {
            return try await select {
                receive(from: c) { $0 }
                otherwise { nil }
            }
        }
        let c = Chan<String>(capacity: 1)
        #expect(try await poll(c) == nil)
        try await c.send("hello")
        #expect(try await poll(c) == "hello")
    }

    @Test func loopsConditionsAndAbsentChannelsStillCompile() async throws {
        let channels = (0..<3).map { _ in Chan<Int>(capacity: 1) }
        try await channels[2].send(7)
        let absent: Chan<Int>? = nil
        let includeOtherwise = false
        let got: Int? = try await select {
            for ch in channels { receive(from: ch) { $0 } }
            receive(from: absent) { _ in -1 }
            if includeOtherwise { otherwise { nil } }
        }
        #expect(got == 7)
    }

    @Test func voidSelectsAndDynamicSelect() async throws {
        var log: [String] = []
        let c = Chan<Int>(capacity: 1)
        try await c.send(1)
        try await select {
            receive(from: c) { v in log.append("got \(v!)") }
            otherwise { log.append("none") }
        }
        try await select {
            receive(from: c) { _ in log.append("again") }
            otherwise { log.append("none") }
        }
        #expect(log == ["got 1", "none"])
        try await c.send(5)
        let doubled = try await select(cases: [c].map { ch in receive(from: ch) { v in v! * 2 } })
        #expect(doubled == 10)
    }

    @Test func emptySelectWaitsUntilCancelled() async throws {
        let task = Task { try await select { } }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
