// Port of Go's test/chan/powser2.go (Go 1.23).
// The power-series network of powser1.go again, but its channels carry interface values: every
// term travels as `any Item` and is cast back to a rational where it is used.
//
// What differs from PowSer1Tests.swift, as in Go:
// - Go's `item` interface becomes the `Item` protocol, and channels are `Chan<any Item>`; the
//   rational is a class (Go passes `*rat`), and each use casts the item back (Go's `.(*rat)`).
//   A failed cast ends the goroutine with an error that the test reports.
// - Go's getn keeps its channels in slices here; the port builds its select with a `for` loop
//   over them, so it handles any number of series (Go's version insists on two).
// - Go passes each goroutine its inputs as arguments; the port spells the same thing with
//   capture lists.
// The rest (the request value, the left-out debug names, the shutdown of all goroutines at the
// end of a test) is as in PowSer1Tests.swift.

import Channels
import Synchronization
import Testing

@Suite("Go test/chan/powser2.go", .timeLimit(.minutes(1)))
struct PowSer2Tests {
    @Test("main: the series Go's test mode checks, ten terms each")
    func powser2Main() async throws {
        try await withSeriesNetwork { net in
            let ones = net.rep(Rat.one)
            let twos = net.rep(Rat(2))

            try await check(ones, Rat.one, count: 5, "Ones")
            // Go reads 0 terms of the next three sums; five are read here so the checks can fail.
            try await check(net.add(ones, ones), Rat(2), count: 5, "Add Ones Ones")
            try await check(net.add(ones, twos), Rat(3), count: 5, "Add Ones Twos")

            var a: [Rat] = (1...termCount).map { Rat(Int64($0)) }
            try await checka(net.diff(ones), a, "Diff")  // 1 2 3 4 5 …

            a = [Rat.zero] + (1..<termCount).map { Rat(1, Int64($0)) }
            try await checka(net.integ(Rat.zero, ones), a, "Integ")  // 0 1 1/2 1/3 …

            try await check(net.cmul(Rat.one.negated(), twos), Rat(-2), count: 10, "CMul")
            try await check(net.sub(ones, twos), Rat(-1), count: 5, "Sub Ones Twos")

            a = (1...termCount).map { Rat(Int64($0)) }
            try await checka(net.mul(ones, ones), a, "Mul")  // 1 2 3 4 5 …

            a = [
                Rat(1), Rat(1), Rat(3, 2), Rat(13, 6), Rat(73, 24), Rat(167, 40), Rat(4051, 720),
                Rat(37633, 5040), Rat(43817, 4480), Rat(4596553, 362880),
            ]
            try await checka(net.exp(ones), a, "Exp")

            // Odd powers 1, -1/3, 1/5, … alternate in sign; even powers are 0.
            a = (0..<termCount).map { (i: Int) -> Rat in
                if i % 2 == 0 { return Rat.zero }
                let sign: Int64 = (i / 2) % 2 == 0 ? 1 : -1
                return Rat(sign, Int64(i))
            }
            try await checka(net.integ(Rat.zero, net.monSubst(ones, Rat.one.negated(), 2)), a, "ATan")
        }
    }

    @Test("the feedback operators and end-of-series paths, with the terms the Go code produces")
    func powser2OtherOperators() async throws {
        try await withSeriesNetwork { net in
            let ones = net.rep(Rat.one)
            try await checka(net.recip(ones), [Rat(1), Rat(-1), Rat.zero, Rat.zero, Rat.zero], "Recip")
            try await checka(net.subst(ones, net.xmul(ones)), [Rat(1), Rat(1), Rat(2), Rat(4), Rat(8)], "Subst")
            try await checka(net.add(net.mon(Rat(2), 1), net.mon(Rat(3), 2)), [Rat.zero, Rat(2), Rat(3), Rat.finis], "Add")
            try await checka(net.mul(net.mon(Rat(1), 1), net.binom(Rat(2))), [Rat.zero, Rat(1), Rat(2), Rat.finis], "Mul")
            try await checka(net.shift(Rat(7), net.monmul(net.binom(Rat(3)), 2)), [Rat(7), Rat.zero, Rat.zero, Rat(1), Rat(3), Rat(3), Rat.finis], "Shift Monmul Binom")
            #expect(try await net.eval(Rat(1, 3), net.binom(Rat(3)), 10).eq(Rat(7, 3)))  // 1 + 3/3 + 3/9
        }
    }

    @Test("items compare by value through the protocol, and a foreign item never matches")
    func powser2Items() {
        let half: any Item = Rat(2, 4)
        #expect(half.eq(Rat(1, 2)))
        #expect(!half.eq(Rat(1, 3)))
        #expect(!half.eq(Marker()))
        #expect(half.description == "1/2")
    }
}

/// How many terms Go's `checka` compares.
private let termCount = 10

// MARK: - Items

/// A value that can travel on a series channel. Go's `item` interface (`pr` becomes
/// `description`).
private protocol Item: Sendable, CustomStringConvertible {
    func eq(_ other: any Item) -> Bool
}

/// An item that is not a rational, to test the cast failure path.
private struct Marker: Item {
    func eq(_ other: any Item) -> Bool { other is Marker }
    var description: String { "marker" }
}

/// Go's gcd, as a loop. Only the first argument's sign is dropped at each step, so the result
/// may be negative; the arithmetic below relies on exactly this.
private func gcd(_ u: Int64, _ v: Int64) -> Int64 {
    var (u, v) = (u, v)
    // Euclid: |u| strictly decreases, so the loop ends.
    while true {
        if u < 0 { u = -u }
        if u == 0 { return v }
        (u, v) = (v % u, u)
    }
}

/// An immutable rational, shared by reference like Go's `*rat`. Denominator 0 marks the end.
private final class Rat: Item {
    let num: Int64  // numerator, carries the sign
    let den: Int64  // denominator; 0 only in the end mark

    /// Takes the parts as they are.
    init(reduced num: Int64, _ den: Int64) {
        self.num = num
        self.den = den
    }

    /// u/v in lowest terms, the sign moved to the numerator (Go's `i2tor`; `Rat(u)` is `itor`).
    convenience init(_ u: Int64, _ v: Int64 = 1) {
        let g = gcd(u, v)
        if v > 0 {
            self.init(reduced: u / g, v / g)
        } else {
            self.init(reduced: -u / g, -v / g)
        }
    }

    static let zero = Rat(0)
    static let one = Rat(1)
    /// The end mark, built like Go's i2tor(1, 0).
    static let finis = Rat(1, 0)

    var isEnd: Bool { den == 0 }

    /// Equal parts; Go's `eq`, whose cast to `*rat` would panic on a foreign item, where this says
    /// "not equal".
    func eq(_ other: any Item) -> Bool {
        guard let r = other as? Rat else { return false }
        return num == r.num && den == r.den
    }

    func plus(_ v: Rat) -> Rat {
        let g = gcd(den, v.den)
        return Rat(num * (v.den / g) + v.num * (den / g), den * (v.den / g))
    }

    /// Cross-cancelled product of reduced values, which needs no final gcd.
    func times(_ v: Rat) -> Rat {
        let g1 = gcd(num, v.den)
        let g2 = gcd(den, v.num)
        return Rat(reduced: (num / g1) * (v.num / g2), (den / g2) * (v.den / g1))
    }

    func negated() -> Rat { Rat(-num, den) }

    func minus(_ v: Rat) -> Rat { plus(v.negated()) }

    /// 1/u; Go panics on 0, here the goroutine ends with an error the test reports.
    func inverted() throws -> Rat {
        guard num != 0 else { throw NetworkFailure(description: "zero divide in inv") }
        return Rat(den, num)
    }

    var description: String { den == 1 ? "\(num)" : "\(num)/\(den)" }
}

/// Go's `.(*rat)`: the item as a rational, or an error naming what arrived instead.
private func rational(_ item: any Item) throws -> Rat {
    guard let r = item as? Rat else {
        throw NetworkFailure(description: "expected a rational item, got \(item)")
    }
    return r
}

// MARK: - Demand channels

/// A series as its one reader sees it: a demand goes out on `req`, one item comes back on `dat`.
private struct Series: Sendable {
    let req = Chan<Int>()        // one demand; the number carries nothing
    let dat = Chan<any Item>()   // the item answering it
}

/// Two readers of the same terms (Go's `dch2`).
private struct SeriesPair: Sendable {
    var halves = [Series(), Series()]
}

private struct NetworkFailure: Error, CustomStringConvertible {
    var description: String
}

/// A receive on a channel of this program, none of which is ever closed.
private func receiveOpen<T: Sendable>(_ ch: Chan<T>) async throws -> T {
    guard let value = try await ch.receive() else {
        throw NetworkFailure(description: "a channel nobody closes reported closed")
    }
    return value
}

/// Answers one demand on `out` with `item` (Go's `put`).
private func put(_ item: any Item, _ out: Series) async throws {
    _ = try await receiveOpen(out.req)
    try await out.dat.send(item)
}

/// Demands and returns the next term of `input` (Go's `get`).
private func get(_ input: Series) async throws -> Rat {
    try await input.req.send(0)
    return try rational(await receiveOpen(input.dat))
}

/// One item from each series, demands and answers in whatever order they can go (Go's `getn`).
/// Each series contributes a send case (its demand, until made) and a receive case (its answer,
/// once demanded); a nil channel switches a case off.
private func getn(_ inputs: [Series]) async throws -> [any Item] {
    var req: [Chan<Int>?] = inputs.map(\.req)
    var dat: [Chan<any Item>?] = Array(repeating: nil, count: inputs.count)
    var out: [any Item] = Array(repeating: Rat(reduced: 0, 0), count: inputs.count)
    // Each series needs one demand and one answer.
    for _ in 0..<(2 * inputs.count) {
        try await select {
            for i in inputs.indices {
                send(0, to: req[i]) {
                    dat[i] = inputs[i].dat
                    req[i] = nil
                }
                receive(from: dat[i]) { item in
                    guard let item else { throw NetworkFailure(description: "select saw a closed data channel") }
                    out[i] = item
                    dat[i] = nil
                }
            }
        }
    }
    return out
}

/// One item from each of two series (Go's `get2`).
private func get2(_ in0: Series, _ in1: Series) async throws -> [any Item] {
    try await getn([in0, in1])
}

/// Answers each demand on `out` with the next term of `input`, until cancelled (Go's `copy`).
private func relay(_ input: Series, to out: Series) async throws {
    // One pass per demand; shutdown cancellation ends it.
    while true {
        try Task.checkCancellation()
        _ = try await receiveOpen(out.req)
        try await out.dat.send(get(input))
    }
}

// MARK: - The operators

/// Starts the goroutines of one series network and stops them all when the test is over.
private final class SeriesNetwork: Sendable {
    private let goroutines = GoroutineGroup()

    /// Go's `go`, through the group that `shutdown` stops.
    func spawn(_ body: sending @escaping () async throws -> Void) {
        goroutines.spawn(body)
    }

    /// Cancels and awaits every goroutine; returns the failures they reported.
    func shutdown() async -> [String] {
        await goroutines.shutdown()
    }

    /// c, c, c, … (Go's `Rep` with `repeat`).
    func rep(_ c: any Item) -> Series {
        let z = Series()
        spawn { [c, z] in
            // One pass per demand, until shutdown.
            while true {
                try Task.checkCancellation()
                try await put(c, z)
            }
        }
        return z
    }

    /// c·x^n (Go's `Mon`).
    func mon(_ c: Rat, _ n: Int) -> Series {
        let z = Series()
        spawn { [c, n, z] in
            if c.num != 0 {
                for _ in stride(from: 0, to: n, by: 1) { try await put(Rat.zero, z) }
                try await put(c, z)
            }
            try await put(Rat.finis, z)
        }
        return z
    }

    /// c + x·U (Go's `Shift`).
    func shift(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn { [c, u, z] in
            try await put(c, z)
            try await relay(u, to: z)
        }
        return z
    }

    /// Two readers of `u` (Go's `Split`).
    func split(_ u: Series) -> SeriesPair {
        let pair = SeriesPair()
        spawn { [self, u, pair] in try await split(u, into: pair) }
        return pair
    }

    /// Go's `split`: starts the first generation of the splitter and lets it go.
    func split(_ input: Series, into pair: SeriesPair) async throws {
        let release = Chan<Int>()
        spawn { [self, input, pair, release] in try await splitStep(input, pair, wait: release) }
        try await release.send(0)
    }

    /// One generation of the splitter (Go's `dosplit`): it fetches one term and delivers it to
    /// both readers, the faster first. A successor is started as soon as the faster reader is
    /// served; the slower reader is always served by the oldest live generation, which `wait`
    /// (the predecessor's release) enforces. Only a generation released before any demand may
    /// serve either reader first, and it renames them so the one served first is `halves[0]`.
    ///
    /// Go shares one pair among all generations and swaps it in place; the swap only happens in
    /// a generation with no live predecessor and no successor yet, so passing each successor a
    /// copy of the pair is equivalent and keeps mutable state out of the sharing.
    func splitStep(_ input: Series, _ pair: SeriesPair, wait: Chan<Int>) async throws {
        var out = pair.halves
        var both = false  // released before the first demand: may serve either reader first
        try await select {
            receive(from: out[0].req) { _ in }
            receive(from: wait) { _ in
                both = true
                try await select {
                    receive(from: out[0].req) { _ in }
                    receive(from: out[1].req) { _ in out.swapAt(0, 1) }
                }
            }
        }
        try await input.req.send(0)
        let release = Chan<Int>()
        let successor = SeriesPair(halves: out)
        spawn { [self, input, successor, release] in try await splitStep(input, successor, wait: release) }
        let item = try await receiveOpen(input.dat)
        try await out[0].dat.send(item)
        if !both { _ = try await receiveOpen(wait) }
        _ = try await receiveOpen(out[1].req)
        try await out[1].dat.send(item)
        try await release.send(0)
    }

    /// U + V (Go's `Add`); once either ends, the other is passed through.
    func add(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn { [u, v, z] in
            // One pass per demand, until shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await receiveOpen(z.req)
                let uv = try await get2(u, v)
                let (a, b) = try (rational(uv[0]), rational(uv[1]))
                switch (a.isEnd, b.isEnd) {
                case (false, false):
                    try await z.dat.send(a.plus(b))
                case (true, false):
                    try await z.dat.send(b)
                    try await relay(v, to: z)
                case (false, true):
                    try await z.dat.send(a)
                    try await relay(u, to: z)
                case (true, true):
                    try await z.dat.send(Rat.finis)
                }
            }
        }
        return z
    }

    /// c·U (Go's `Cmul`).
    func cmul(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn { [c, u, z] in
            // One pass per demand, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await receiveOpen(z.req)
                let term = try await get(u)
                if term.isEnd { break }
                try await z.dat.send(c.times(term))
            }
            try await z.dat.send(Rat.finis)
        }
        return z
    }

    /// U - V (Go's `Sub`).
    func sub(_ u: Series, _ v: Series) -> Series {
        add(u, cmul(Rat.one.negated(), v))
    }

    /// x^n·U (Go's `Monmul`).
    func monmul(_ u: Series, _ n: Int) -> Series {
        let z = Series()
        spawn { [n, u, z] in
            for _ in stride(from: 0, to: n, by: 1) { try await put(Rat.zero, z) }
            try await relay(u, to: z)
        }
        return z
    }

    /// x·U (Go's `Xmul`).
    func xmul(_ u: Series) -> Series {
        monmul(u, 1)
    }

    /// U·V (Go's `Mul`): u·v, then x·(u·VV + v·UU) + x²·UU·VV with the last product built
    /// lazily by recursion.
    func mul(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn { [self, u, v, z] in
            _ = try await receiveOpen(z.req)
            let uv = try await get2(u, v)
            let (a, b) = try (rational(uv[0]), rational(uv[1]))
            if a.isEnd || b.isEnd {
                try await z.dat.send(Rat.finis)
                return
            }
            try await z.dat.send(a.times(b))
            let uu = split(u)
            let vv = split(v)
            let w = add(cmul(a, vv.halves[0]), cmul(b, uu.halves[0]))
            _ = try await receiveOpen(z.req)
            try await z.dat.send(get(w))
            try await relay(add(w, mul(uu.halves[1], vv.halves[1])), to: z)
        }
        return z
    }

    /// dU/dx (Go's `Diff`).
    func diff(_ u: Series) -> Series {
        let z = Series()
        spawn { [u, z] in
            _ = try await receiveOpen(z.req)
            if try await !get(u).isEnd {
                var i: Int64 = 1
                // One pass per term of U, until U ends or shutdown.
                while true {
                    try Task.checkCancellation()
                    let term = try await get(u)
                    if term.isEnd { break }
                    try await z.dat.send(Rat(i).times(term))
                    _ = try await receiveOpen(z.req)
                    i += 1
                }
            }
            try await z.dat.send(Rat.finis)
        }
        return z
    }

    /// c + ∫U (Go's `Integ`); the end mark passes through the scaling unchanged, and, as in Go,
    /// a second one follows unasked.
    func integ(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn { [c, u, z] in
            try await put(c, z)
            var i: Int64 = 1
            // One pass per demand, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await receiveOpen(z.req)
                let term = try await get(u)
                try await z.dat.send(Rat(1, i).times(term))
                if term.isEnd { break }
                i += 1
            }
            try await z.dat.send(Rat.finis)
        }
        return z
    }

    /// (1 + x)^c (Go's `Binom`), which for a whole exponent stops before the last term.
    func binom(_ exponent: Rat) -> Series {
        let z = Series()
        spawn { [exponent, z] in
            var c = exponent
            var k: Int64 = 1
            var t = Rat(1)
            // Ends when c reaches 0 or at shutdown.
            while c.num != 0 {
                try Task.checkCancellation()
                try await put(t, z)
                t = t.times(c).times(Rat(1, k))
                c = c.minus(Rat.one)
                k += 1
            }
            try await put(Rat.finis, z)
        }
        return z
    }

    /// 1/U (Go's `Recip`): z = 1/u, and the rest is -z·UU·Z, fed back through a split.
    func recip(_ u: Series) -> Series {
        let z = Series()
        spawn { [self, u, z] in
            let zz = SeriesPair()
            _ = try await receiveOpen(z.req)
            let r = try await get(u).inverted()
            try await z.dat.send(r)
            try await split(mul(cmul(r.negated(), u), shift(r, zz.halves[0])), into: zz)
            try await relay(zz.halves[1], to: z)
        }
        return z
    }

    /// exp(U), U's constant term ignored (Go's `Exp`): Z = 1 + ∫Z·U', fed back through a split.
    func exp(_ u: Series) async throws -> Series {
        let zz = SeriesPair()
        try await split(integ(Rat.one, mul(zz.halves[0], diff(u))), into: zz)
        return zz.halves[1]
    }

    /// U(V) for V with constant term 0, as Go computes it (Go's `Subst`).
    func subst(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn { [self, u, v, z] in
            let vv = split(v)
            _ = try await receiveOpen(z.req)
            let first = try await get(u)
            try await z.dat.send(first)
            if !first.isEnd {
                if try await get(vv.halves[0]).isEnd {
                    try await put(Rat.finis, z)
                } else {
                    try await relay(mul(vv.halves[0], subst(u, vv.halves[1])), to: z)
                }
            }
        }
        return z
    }

    /// U(c·x^n) (Go's `MonSubst`).
    func monSubst(_ u: Series, _ c0: Rat, _ n: Int) -> Series {
        let z = Series()
        spawn { [u, z, c0, n] in
            var c = Rat.one
            // One pass per term of U, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await receiveOpen(z.req)
                let term = try await get(u)
                try await z.dat.send(term.times(c))
                c = c.times(c0)
                if term.isEnd {
                    try await z.dat.send(Rat.finis)
                    break
                }
                for _ in stride(from: 1, to: n, by: 1) {
                    _ = try await receiveOpen(z.req)
                    try await z.dat.send(Rat.zero)
                }
            }
        }
        return z
    }

    /// U at x = c over n terms, by Horner's rule (Go's `eval`).
    func eval(_ c: Rat, _ u: Series, _ n: Int) async throws -> Rat {
        if n == 0 { return Rat.zero }
        let y = try await get(u)
        if y.isEnd { return Rat.zero }
        return try await y.plus(c.times(eval(c, u, n - 1)))
    }

    // Not ported, as in PowSer1Tests.swift: Go's `Evaln` (prints only, and computes a power it
    // never uses), `Printn`/`Print` (print mode only) and `Poly` (commented out in Go).
}

// MARK: - Checks

/// Runs `body` on a fresh network, then stops all its goroutines and records their failures.
private func withSeriesNetwork(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (SeriesNetwork) async throws -> Void
) async throws {
    let net = SeriesNetwork()
    var thrown: (any Error)?
    do {
        try await body(net)
    } catch {
        thrown = error
    }
    for failure in await net.shutdown() {
        Issue.record("a goroutine failed: \(failure)", sourceLocation: sourceLocation)
    }
    if let thrown { throw thrown }
}

/// `count` terms of `u`, each expected to equal `c` (Go's `check`).
private func check(
    _ u: Series, _ c: Rat, count: Int, _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    for i in 0..<count {
        let term = try await get(u)
        #expect(term.eq(c), "\(name): term \(i) is \(term), want \(c)", sourceLocation: sourceLocation)
    }
}

/// The terms of `u` against `want`, in order (Go's `checka`); an expected end mark matches any
/// end mark.
private func checka(
    _ u: Series, _ want: [Rat], _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    for (i, c) in want.enumerated() {
        let term = try await get(u)
        let matches = c.isEnd ? term.isEnd : term.eq(c)
        #expect(matches, "\(name): term \(i) is \(term), want \(c)", sourceLocation: sourceLocation)
    }
}
