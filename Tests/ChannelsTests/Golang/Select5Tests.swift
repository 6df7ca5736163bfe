// Port of Go's test/chan/select5.go (Go 1.23).
// Checks one send or receive at a time, written as every shape of select the Go generator
// produces: with and without `otherwise` before or after the real case, with decoy cases on a
// channel nobody uses and on an absent channel, and with operands that record the order in
// which they are evaluated.
//
// Go's select5.go does not test anything itself: it prints a Go program with one function per
// combination of its template choices, and that program is the test. We build the same
// matrix with loops and run each combination directly. Where a Go choice only varies how the
// compiler rewrites an assignment (`x = <-c`, `*f(&x) = <-c`, `y := <-c`, `i = <-c`,
// `m[13] = <-c`), Swift has one thing in its place, the case's handler; we vary where the
// handler puts the value (the select's result, a property, a dictionary entry) and, instead,
// how the channel is given (`Chan` or its directional view) and which select form is used
// (the builder or the dynamic `select(cases:)`).
//
// Not ported: Go's order checks on plain statements outside a select (`*fp(&x, 1) =
// <-fc(c, 2)`), which test Go's left-to-right rule for assignments, a language rule with no
// channel behaviour behind it.

import Channels
import Testing

/// Where the `otherwise` case sits relative to the real case (Go's MaybeDefault).
private enum Placement: String, CaseIterable {
    case none, first, last
}

/// How the real case names its channel.
private enum Spelling: String, CaseIterable {
    case chan, directional
}

/// Where a receive case's handler leaves the value.
private enum Target: String, CaseIterable {
    case result, property, dictionary
}

/// Which select API runs the cases.
private enum Form: String, CaseIterable {
    case builder, dynamic
}

/// A set of decoy cases added after the real one (Go's four trailing Maybe cases). None can be
/// chosen: nobody else uses `dummy`, and `nilch` is absent.
private struct Decoys: CustomStringConvertible {
    static let dummySend = 1, dummyReceive = 2, nilSend = 4, nilReceive = 8
    static let all = (0..<16).map(Decoys.init(bits:))

    let bits: Int
    func has(_ decoy: Int) -> Bool { bits & decoy != 0 }
    var description: String { "decoys 0b" + String(bits, radix: 2) }
}

/// The decoys of Go's nonblock template: every case that is never ready, including receives
/// whose handlers would write the value somewhere if they were wrongly run.
private struct NonblockDecoys: CustomStringConvertible {
    static let dummySend = 1, nilSend = 2, dummyReceive = 4, dummyReceiveIntoX = 8
    static let nilReceive = 16, nilReceiveIntoX = 32
    static let all = (0..<64).map(NonblockDecoys.init(bits:))

    let bits: Int
    func has(_ decoy: Int) -> Bool { bits & decoy != 0 }
    var description: String { "decoys 0b" + String(bits, radix: 2) }
}

/// The state of Go's generated program (its package-level variables) and its helpers. All
/// tests here run on one task: `c` has one slot, so every operation is ready at once.
private final class Program {
    let c = Chan<Int>(capacity: 1)
    let dummy = Chan<Int>()
    let nilch: Chan<Int>? = nil
    /// The value the current test sends; each test uses a fresh one.
    var n = 1
    /// Where the value received ends up.
    var x = 0
    var m: [Int: Int] = [:]
    /// The last operand number seen by `checkOrder`.
    var order = 0
    /// How many generated tests have run.
    var tests = 0

    /// Go's `if x != n { die(x) }; n++`.
    func finish(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(x == n, "\(label)", sourceLocation: sourceLocation)
        #expect(c.count == 0, "\(label): a value was left in c", sourceLocation: sourceLocation)
        n += 1
        tests += 1
    }

    /// Operands call this with increasing numbers in the order they are written; a number that
    /// does not increase means an operand was evaluated late, or twice.
    func checkOrder(_ o: Int) {
        if o <= order {
            Issue.record("operand \(o) was evaluated after operand \(order)")
        }
        order = o
    }

    func fc(_ ch: Chan<Int>?, _ o: Int) -> Chan<Int>? {
        checkOrder(o)
        return ch
    }

    func fn(_ v: Int, _ o: Int) -> Int {
        checkOrder(o)
        return v
    }

    /// Puts a received value where `target` says; returns it only for `.result`.
    func deliver(_ v: Int?, to target: Target) -> Int? {
        switch target {
        case .result:
            return v
        case .property:
            x = v ?? -1
        case .dictionary:
            m[13] = v ?? -1
            x = m[13] ?? -1
        }
        return nil
    }

    func realReceive(from ch: Chan<Int>?, into target: Target) -> SelectCase<Int?> {
        receive(from: ch) { v in self.deliver(v, to: target) }
    }

    func realReceive(from ch: ReceiveChan<Int>?, into target: Target) -> SelectCase<Int?> {
        receive(from: ch) { v in self.deliver(v, to: target) }
    }

    func forbiddenOtherwise(_ label: String) -> SelectCase<Int?> {
        otherwise {
            Issue.record("\(label): otherwise was chosen over a ready case")
            return nil
        }
    }

    func decoySend(_ v: Int, to ch: Chan<Int>?, _ label: String) -> SelectCase<Int?> {
        send(v, to: ch) {
            Issue.record("\(label): a send that cannot be ready was chosen")
            return nil
        }
    }

    func decoyReceive(from ch: Chan<Int>?, _ label: String) -> SelectCase<Int?> {
        receive(from: ch) { _ in
            Issue.record("\(label): a receive that cannot be ready was chosen")
            return nil
        }
    }

    // MARK: Go's `recv` template

    /// Sends n into `c`, receives it through a select of the given shape, checks it.
    func receiveTest(_ form: Form, _ spelling: Spelling, _ target: Target, _ placement: Placement, _ decoys: Decoys)
        async throws
    {
        let label = "recv \(form) \(spelling) into \(target), otherwise \(placement), \(decoys)"
        try await c.send(n)
        let produced: Int?
        switch form {
        case .builder:
            produced = try await select {
                if placement == .first { forbiddenOtherwise(label) }
                if spelling == .chan {
                    realReceive(from: c, into: target)
                } else {
                    realReceive(from: c.receiveOnly, into: target)
                }
                if placement == .last { forbiddenOtherwise(label) }
                if decoys.has(Decoys.dummySend) { decoySend(1, to: dummy, label) }
                if decoys.has(Decoys.dummyReceive) { decoyReceive(from: dummy, label) }
                if decoys.has(Decoys.nilSend) { decoySend(1, to: nilch, label) }
                if decoys.has(Decoys.nilReceive) { decoyReceive(from: nilch, label) }
            }
        case .dynamic:
            var cases: [SelectCase<Int?>] = []
            if placement == .first { cases.append(forbiddenOtherwise(label)) }
            cases.append(
                spelling == .chan
                    ? realReceive(from: c, into: target) : realReceive(from: c.receiveOnly, into: target))
            if placement == .last { cases.append(forbiddenOtherwise(label)) }
            if decoys.has(Decoys.dummySend) { cases.append(decoySend(1, to: dummy, label)) }
            if decoys.has(Decoys.dummyReceive) { cases.append(decoyReceive(from: dummy, label)) }
            if decoys.has(Decoys.nilSend) { cases.append(decoySend(1, to: nilch, label)) }
            if decoys.has(Decoys.nilReceive) { cases.append(decoyReceive(from: nilch, label)) }
            produced = try await select(cases: cases)
        }
        if target == .result {
            x = produced ?? -1
        }
        finish(label)
    }

    // MARK: Go's `send` template

    /// Sends n through a select of the given shape, receives it from `c`, checks it.
    func sendTest(_ form: Form, _ spelling: Spelling, _ placement: Placement, _ decoys: Decoys) async throws {
        let label = "send \(form) \(spelling), otherwise \(placement), \(decoys)"
        var sent = false
        let n = self.n
        switch form {
        case .builder:
            _ = try await select {
                if placement == .first { forbiddenOtherwise(label) }
                if spelling == .chan {
                    send(n, to: c) { () -> Int? in
                        sent = true
                        return nil
                    }
                } else {
                    send(n, to: c.sendOnly) { () -> Int? in
                        sent = true
                        return nil
                    }
                }
                if placement == .last { forbiddenOtherwise(label) }
                if decoys.has(Decoys.dummySend) { decoySend(1, to: dummy, label) }
                if decoys.has(Decoys.dummyReceive) { decoyReceive(from: dummy, label) }
                if decoys.has(Decoys.nilSend) { decoySend(1, to: nilch, label) }
                if decoys.has(Decoys.nilReceive) { decoyReceive(from: nilch, label) }
            }
        case .dynamic:
            var cases: [SelectCase<Int?>] = []
            if placement == .first { cases.append(forbiddenOtherwise(label)) }
            let handler = { () -> Int? in
                sent = true
                return nil
            }
            cases.append(spelling == .chan ? send(n, to: c, handler) : send(n, to: c.sendOnly, handler))
            if placement == .last { cases.append(forbiddenOtherwise(label)) }
            if decoys.has(Decoys.dummySend) { cases.append(decoySend(1, to: dummy, label)) }
            if decoys.has(Decoys.dummyReceive) { cases.append(decoyReceive(from: dummy, label)) }
            if decoys.has(Decoys.nilSend) { cases.append(decoySend(1, to: nilch, label)) }
            if decoys.has(Decoys.nilReceive) { cases.append(decoyReceive(from: nilch, label)) }
            _ = try await select(cases: cases)
        }
        #expect(sent, "\(label): the send's handler did not run")
        x = c.tryReceive().value ?? -1
        finish(label)
    }

    // MARK: Go's `recvOrder` template

    /// Like `receiveTest`, with every operand numbered: the operands must be evaluated once
    /// each, top to bottom and left to right, and the chosen handler (number 100) only after
    /// all of them.
    func receiveOrderTest(_ spelling: Spelling, _ target: Target, _ placement: Placement, _ decoys: Decoys)
        async throws
    {
        let label = "recvOrder \(spelling) into \(target), otherwise \(placement), \(decoys)"
        order = 0
        try await c.send(n)
        let handler = { (v: Int?) -> Int? in
            self.checkOrder(100)
            return self.deliver(v, to: target)
        }
        let produced = try await select {
            if placement == .first { forbiddenOtherwise(label) }
            if spelling == .chan {
                receive(from: fc(c, 1), handler)
            } else {
                receive(from: fc(c, 1)?.receiveOnly, handler)
            }
            if placement == .last { forbiddenOtherwise(label) }
            if decoys.has(Decoys.dummySend) { decoySend(fn(1, 2), to: fc(dummy, 3), label) }
            if decoys.has(Decoys.dummyReceive) { decoyReceive(from: fc(dummy, 4), label) }
            if decoys.has(Decoys.nilSend) { decoySend(fn(1, 5), to: fc(nilch, 6), label) }
            if decoys.has(Decoys.nilReceive) { decoyReceive(from: fc(nilch, 7), label) }
        }
        #expect(order == 100, "\(label): the handler did not run last")
        if target == .result {
            x = produced ?? -1
        }
        finish(label)
    }

    // MARK: Go's `sendOrder` template

    /// Like `sendTest`, with every operand numbered as in `receiveOrderTest`. Swift writes a
    /// send's value before its channel, so the value is evaluated first.
    func sendOrderTest(_ spelling: Spelling, _ placement: Placement, _ decoys: Decoys) async throws {
        let label = "sendOrder \(spelling), otherwise \(placement), \(decoys)"
        order = 0
        let handler = { () -> Int? in
            self.checkOrder(100)
            return nil
        }
        _ = try await select {
            if placement == .first { forbiddenOtherwise(label) }
            if spelling == .chan {
                send(fn(n, 1), to: fc(c, 2), handler)
            } else {
                send(fn(n, 1), to: fc(c, 2)?.sendOnly, handler)
            }
            if placement == .last { forbiddenOtherwise(label) }
            if decoys.has(Decoys.dummySend) { decoySend(fn(1, 3), to: fc(dummy, 4), label) }
            if decoys.has(Decoys.dummyReceive) { decoyReceive(from: fc(dummy, 5), label) }
            if decoys.has(Decoys.nilSend) { decoySend(fn(1, 6), to: fc(nilch, 7), label) }
            if decoys.has(Decoys.nilReceive) { decoyReceive(from: fc(nilch, 8), label) }
        }
        #expect(order == 100, "\(label): the handler did not run last")
        x = c.tryReceive().value ?? -1
        finish(label)
    }

    // MARK: Go's `nonblock` template

    /// A select of cases that are never ready and an `otherwise`: `otherwise` must be chosen,
    /// and no other handler may run or touch `x`.
    func nonblockTest(_ form: Form, _ placement: Placement, _ decoys: NonblockDecoys) async throws {
        let label = "nonblock \(form), otherwise \(placement), \(decoys)"
        x = n
        let intoX = { (v: Int?) -> Int? in
            self.x = v ?? -1
            Issue.record("\(label): a receive that cannot be ready was chosen")
            return nil
        }
        let tookOtherwise = otherwise { () -> Int? in 1 }
        switch form {
        case .builder:
            let chosen = try await select {
                if placement == .first { tookOtherwise }
                if decoys.has(NonblockDecoys.dummySend) { decoySend(1, to: dummy, label) }
                if decoys.has(NonblockDecoys.nilSend) { decoySend(1, to: nilch, label) }
                if decoys.has(NonblockDecoys.dummyReceive) { decoyReceive(from: dummy, label) }
                if decoys.has(NonblockDecoys.dummyReceiveIntoX) { receive(from: dummy, intoX) }
                if decoys.has(NonblockDecoys.nilReceive) { decoyReceive(from: nilch, label) }
                if decoys.has(NonblockDecoys.nilReceiveIntoX) { receive(from: nilch, intoX) }
                if placement != .first { tookOtherwise }
            }
            #expect(chosen == 1, "\(label): otherwise was not chosen")
        case .dynamic:
            var cases: [SelectCase<Int?>] = []
            if placement == .first { cases.append(tookOtherwise) }
            if decoys.has(NonblockDecoys.dummySend) { cases.append(decoySend(1, to: dummy, label)) }
            if decoys.has(NonblockDecoys.nilSend) { cases.append(decoySend(1, to: nilch, label)) }
            if decoys.has(NonblockDecoys.dummyReceive) { cases.append(decoyReceive(from: dummy, label)) }
            if decoys.has(NonblockDecoys.dummyReceiveIntoX) { cases.append(receive(from: dummy, intoX)) }
            if decoys.has(NonblockDecoys.nilReceive) { cases.append(decoyReceive(from: nilch, label)) }
            if decoys.has(NonblockDecoys.nilReceiveIntoX) { cases.append(receive(from: nilch, intoX)) }
            if placement != .first { cases.append(tookOtherwise) }
            let chosen = try await select(cases: cases)
            #expect(chosen == 1, "\(label): otherwise was not chosen")
        }
        finish(label)
    }
}

@Suite("Go test/chan/select5.go", .timeLimit(.minutes(1)))
struct Select5Tests {
    @Test("receives through every generated select shape")
    func receiveShapes() async throws {
        let p = Program()
        // Go's first choice: a plain receive instead of a select.
        try await p.c.send(p.n)
        p.x = try await p.c.receive() ?? -1
        p.finish("recv plain")
        for form in Form.allCases {
            for spelling in Spelling.allCases {
                for target in Target.allCases {
                    for placement in Placement.allCases {
                        for decoys in Decoys.all {
                            try await p.receiveTest(form, spelling, target, placement, decoys)
                        }
                    }
                }
            }
        }
        #expect(p.tests == 1 + 2 * 2 * 3 * 3 * 16)
    }

    @Test("sends through every generated select shape")
    func sendShapes() async throws {
        let p = Program()
        try await p.c.send(p.n)
        p.x = try await p.c.receive() ?? -1
        p.finish("send plain")
        for form in Form.allCases {
            for spelling in Spelling.allCases {
                for placement in Placement.allCases {
                    for decoys in Decoys.all {
                        try await p.sendTest(form, spelling, placement, decoys)
                    }
                }
            }
        }
        #expect(p.tests == 1 + 2 * 2 * 3 * 16)
    }

    @Test("a receiving select evaluates its operands once each, in order, before the handler")
    func receiveOperandOrder() async throws {
        let p = Program()
        for spelling in Spelling.allCases {
            for target in Target.allCases {
                for placement in Placement.allCases {
                    for decoys in Decoys.all {
                        try await p.receiveOrderTest(spelling, target, placement, decoys)
                    }
                }
            }
        }
        #expect(p.tests == 2 * 3 * 3 * 16)
    }

    @Test("a sending select evaluates its operands once each, in order, before the handler")
    func sendOperandOrder() async throws {
        let p = Program()
        for spelling in Spelling.allCases {
            for placement in Placement.allCases {
                for decoys in Decoys.all {
                    try await p.sendOrderTest(spelling, placement, decoys)
                }
            }
        }
        #expect(p.tests == 2 * 3 * 16)
    }

    @Test("a select of cases that are never ready takes otherwise and runs no other handler")
    func nonblockingShapes() async throws {
        let p = Program()
        for form in Form.allCases {
            for placement in [Placement.first, .last] {
                for decoys in NonblockDecoys.all {
                    try await p.nonblockTest(form, placement, decoys)
                }
            }
        }
        #expect(p.tests == 2 * 2 * 64)
    }
}
