// Port of Go's test/chan/powser1.go (Go 1.23).
// Power series as demand-driven streams of rational coefficients, one goroutine per operator,
// after Doug McIlroy's "Squinting at Power Series".
//
// How the Go program maps here:
// - `rat` is `Rat` below; its arithmetic keeps Go's exact formulas (results stay in lowest terms).
// - A series is a pair of unbuffered channels: the reader sends a request on `req`, the writer
//   answers with one coefficient on `dat`. A coefficient with denominator 0 ends a finite series.
// - Go's `seqno` is a global counter bumped by every goroutine without a lock; the request's value
//   is never read, so each request here carries 0 (Swift 6 rejects the shared mutable global).
// - Go's channel names (`chnames`, `nam`) only served debugging prints and are left out.
// - Go's `main` ends the process with hundreds of goroutines still parked. Here every goroutine
//   is started through `Powser.spawn`, and the test cancels and awaits all of them at the end so
//   that nothing outlives the test.
// - Go's print mode (run with an argument) only prints, so it is not ported; the series it prints
//   are the ones its test mode checks.

import Channels
import Synchronization
import Testing

@Suite("Go test/chan/powser1.go", .timeLimit(.minutes(1)))
struct PowSer1Tests {
    @Test("main: the series Go's test mode checks, ten terms each")
    func powser1Main() async throws {
        try await withPowser { ps in
            let ones = ps.rep(.one)
            let twos = ps.rep(Rat(2))

            try await check(ones, .one, count: 5, "Ones")
            // Go asks for 0 terms of the next three sums, which checks nothing; five terms each
            // are read here so that the checks can fail.
            try await check(ps.add(ones, ones), Rat(2), count: 5, "Add Ones Ones")
            try await check(ps.add(ones, twos), Rat(3), count: 5, "Add Ones Twos")

            // d/dx 1/(1-x) = 1 + 2x + 3x² + …
            try await checka(ps.diff(ones), (1...n).map { Rat(Int64($0)) }, "Diff")

            // ∫ 1/(1-x) = x + x²/2 + x³/3 + …, with 0 as the constant of integration.
            try await checka(ps.integ(.zero, ones), [.zero] + (1..<n).map { Rat(1, Int64($0)) }, "Integ")

            try await check(ps.cmul(-.one, twos), Rat(-2), count: 10, "CMul")
            try await check(ps.sub(ones, twos), Rat(-1), count: 5, "Sub Ones Twos")

            // 1/(1-x)² = 1 + 2x + 3x² + …
            try await checka(ps.mul(ones, ones), (1...n).map { Rat(Int64($0)) }, "Mul")

            // exp(x/(1-x)): the coefficients of Go's table (OEIS A000262 divided by n!).
            let expected: [Rat] = [
                Rat(1), Rat(1), Rat(3, 2), Rat(13, 6), Rat(73, 24), Rat(167, 40), Rat(4051, 720),
                Rat(37633, 5040), Rat(43817, 4480), Rat(4596553, 362880),
            ]
            try await checka(ps.exp(ones), expected, "Exp")

            // arctan x = ∫ 1/(1+x²): 0, 1, 0, -1/3, 0, 1/5, …
            let atan = ps.integ(.zero, ps.monSubst(ones, -.one, 2))
            var sign: Int64 = 1
            var atanTerms: [Rat] = []
            for i in 0..<n {
                if i % 2 == 0 {
                    atanTerms.append(.zero)
                } else {
                    atanTerms.append(Rat(sign, Int64(i)))
                    sign = -sign
                }
            }
            try await checka(atan, atanTerms, "ATan")
            // Go keeps a check of Revert (tan x) commented out, for an operator it never wrote;
            // there is nothing to port.
        }
    }

    @Test("the operators Go's main leaves unchecked, with the terms the Go code itself produces")
    func powser1OtherOperators() async throws {
        try await withPowser { ps in
            let ones = ps.rep(.one)
            let twos = ps.rep(Rat(2))

            // 1 / (1/(1-x)) = 1 - x
            try await checka(ps.recip(ones), [Rat(1), Rat(-1)] + Array(repeating: .zero, count: 6), "Recip")
            try await checka(ps.xmul(ones), [.zero] + Array(repeating: .one, count: 4), "Xmul")
            try await checka(ps.monmul(twos, 3), [.zero, .zero, .zero, Rat(2), Rat(2), Rat(2)], "Monmul")
            try await checka(ps.shift(Rat(7), twos), [Rat(7), Rat(2), Rat(2), Rat(2)], "Shift")
            // 1/(1 - x/(1-x)) = (1-x)/(1-2x) = 1 + x + 2x² + 4x³ + …
            try await checka(ps.subst(ones, ps.xmul(ones)), [Rat(1), Rat(1), Rat(2), Rat(4), Rat(8), Rat(16)], "Subst")
            // (1+x)^(-1/2) never ends: 1, -1/2, 3/8, -5/16, 35/128.
            try await checka(ps.binom(Rat(-1, 2)), [Rat(1), Rat(-1, 2), Rat(3, 8), Rat(-5, 16), Rat(35, 128)], "Binom -1/2")

            // Finite series, which take the end-of-series paths. Go's Binom stops one term early
            // for a whole exponent: Binom(2) is 1, 2 (no x²). These are the terms Go prints.
            try await checka(ps.binom(Rat(2)), [Rat(1), Rat(2), .finis], "Binom 2")
            try await checka(ps.mon(Rat(3, 4), 3), [.zero, .zero, .zero, Rat(3, 4), .finis], "Mon")
            try await checka(ps.mon(.zero, 3), [.finis], "Mon 0")
            try await checka(ps.add(ps.mon(Rat(2), 1), ones), [Rat(1), Rat(3), Rat(1), Rat(1), Rat(1)], "Add finite+infinite")
            try await checka(ps.add(ps.mon(Rat(2), 1), ps.mon(Rat(3), 2)), [.zero, Rat(2), Rat(3), .finis], "Add finite+finite")
            try await checka(ps.mul(ps.mon(Rat(1), 1), ps.binom(Rat(2))), [.zero, Rat(1), Rat(2), .finis], "Mul finite")
            try await checka(ps.diff(ps.binom(Rat(3))), [Rat(3), Rat(6), .finis], "Diff finite")
            try await checka(ps.integ(Rat(5), ps.binom(Rat(2))), [Rat(5), Rat(1), Rat(1), .finis], "Integ finite")
            try await checka(ps.cmul(Rat(3), ps.binom(Rat(2))), [Rat(3), Rat(6), .finis], "Cmul finite")
            try await checka(ps.monSubst(ps.binom(Rat(2)), Rat(2), 2), [Rat(1), .zero, Rat(4), .zero, .finis], "MonSubst finite")
            try await checka(ps.sub(ps.binom(Rat(2)), ps.mon(Rat(1), 0)), [.zero, Rat(2), .finis], "Sub finite")

            // Evaluation at a point, which Go's print mode has but never calls.
            #expect(try await ps.eval(Rat(1, 2), ps.binom(Rat(2)), 5) == Rat(2))
            #expect(try await ps.eval(Rat(1, 2), twos, 3) == Rat(7, 2))
        }
    }

    @Test("Rat arithmetic reduces to lowest terms the way Go's does")
    func powser1Rationals() throws {
        #expect(Rat(6, -4) == Rat(-3, 2))
        #expect(Rat(0, 5) == .zero)
        #expect(Rat(1, 2) + Rat(1, 3) == Rat(5, 6))
        #expect(Rat(2, 3) * Rat(9, 4) == Rat(3, 2))
        #expect(Rat(1, 2) - Rat(3, 4) == Rat(-1, 4))
        #expect(try Rat(-3, 7).inverse() == Rat(-7, 3))
        #expect(throws: PowserFailure.self) { try Rat.zero.inverse() }
        #expect(Rat.finis.isEnd && !Rat.zero.isEnd)
        #expect("\(Rat(3))" == "3" && "\(Rat(-1, 3))" == "-1/3")
    }
}

/// How many terms Go's `checka` compares.
private let n = 10

// MARK: - Rationals

/// Go's gcd, as a loop instead of recursion. Only the first argument's sign is dropped at each
/// step, so the result can be negative (gcd(0, -5) is -5); the arithmetic below is Go's and is
/// written for exactly this function.
private func gcd(_ u: Int64, _ v: Int64) -> Int64 {
    var (u, v) = (u, v)
    // Euclid's algorithm: |u| strictly decreases, so this ends.
    while true {
        if u < 0 { u = -u }
        if u == 0 { return v }
        (u, v) = (v % u, u)
    }
}

/// A rational coefficient. Go's `rat`; the value with denominator 0 marks the end of a series.
private struct Rat: Sendable, Equatable, CustomStringConvertible {
    var num: Int64  // numerator, carries the sign
    var den: Int64  // denominator: positive in every term the series produce, 0 in the end mark

    /// u/v in lowest terms with the sign on the numerator (Go's `i2tor`; `Rat(u)` is `itor`).
    init(_ u: Int64, _ v: Int64 = 1) {
        let g = gcd(u, v)
        if v > 0 {
            (num, den) = (u / g, v / g)
        } else {
            (num, den) = (-u / g, -v / g)
        }
    }

    /// A value whose terms are already reduced; skips the gcd.
    init(reduced num: Int64, _ den: Int64) {
        (self.num, self.den) = (num, den)
    }

    static let zero = Rat(0)
    static let one = Rat(1)
    /// The end mark of a finite series. Go builds it as i2tor(1, 0), which comes out as -1/0; any
    /// value with denominator 0 counts as the end.
    static let finis = Rat(1, 0)

    /// Whether this is the end mark (Go's `end(u) != 0`).
    var isEnd: Bool { den == 0 }

    static func + (u: Rat, v: Rat) -> Rat {
        let g = gcd(u.den, v.den)
        return Rat(u.num * (v.den / g) + v.num * (u.den / g), u.den * (v.den / g))
    }

    /// Cross-cancels before multiplying, so reduced inputs give a reduced product without a gcd
    /// of the result (this is also what lets `1/i * finis` stay `finis` in `integ`).
    static func * (u: Rat, v: Rat) -> Rat {
        let g1 = gcd(u.num, v.den)
        let g2 = gcd(u.den, v.num)
        return Rat(reduced: (u.num / g1) * (v.num / g2), (u.den / g2) * (v.den / g1))
    }

    static prefix func - (u: Rat) -> Rat { Rat(-u.num, u.den) }

    static func - (u: Rat, v: Rat) -> Rat { u + -v }

    /// 1/u. Go panics with "zero divide in inv" for 0; here that ends the goroutine with an error,
    /// which the test reports, instead of killing the test process.
    func inverse() throws -> Rat {
        guard num != 0 else { throw PowserFailure(description: "zero divide in inv") }
        return Rat(den, num)
    }

    var description: String { den == 1 ? "\(num)" : "\(num)/\(den)" }
}

// MARK: - Demand channels

/// One power series as seen by its single reader: ask on `req`, receive the next term on `dat`.
/// Go's `dch` (and `PS`, a pointer to one).
private struct Series: Sendable {
    let req = Chan<Int>()  // a demand for one more term; the value means nothing
    let dat = Chan<Rat>()  // the term that answers the demand
}

/// Two series carrying the same terms, which may be read at different speeds. Go's `dch2`.
private struct SeriesPair: Sendable {
    var first = Series()
    var second = Series()

    mutating func swapHalves() { (first, second) = (second, first) }
}

/// A failure inside a goroutine of the series network, reported at the end of the test.
private struct PowserFailure: Error, CustomStringConvertible {
    var description: String
}

/// Receives from a channel this program never closes.
private func take<T: Sendable>(_ ch: Chan<T>) async throws -> T {
    guard let value = try await ch.receive() else {
        throw PowserFailure(description: "receive returned nil (closed) on a channel nobody closes")
    }
    return value
}

/// Waits for a demand on `out`, then answers it with `r`. Go's `put`.
private func put(_ r: Rat, _ out: Series) async throws {
    _ = try await take(out.req)
    try await out.dat.send(r)
}

/// Demands one term of `input` and returns it. Go's `get`.
private func get(_ input: Series) async throws -> Rat {
    try await input.req.send(0)
    return try await take(input.dat)
}

/// One term from each of two series, in whichever order they become ready. Go's `getn` (fixed
/// at two there, as here) and `get2`: a single select with four cases, where a case whose
/// channel is nil is switched off; each request switches on the matching data case.
private func get2(_ in0: Series, _ in1: Series) async throws -> (Rat, Rat) {
    var req0: Chan<Int>? = in0.req
    var req1: Chan<Int>? = in1.req
    var dat0: Chan<Rat>? = nil
    var dat1: Chan<Rat>? = nil
    var out0 = Rat(reduced: 0, 0)
    var out1 = Rat(reduced: 0, 0)
    // Two requests and two answers: exactly four rounds.
    for _ in 0..<4 {
        try await select {
            send(0, to: req0) {
                dat0 = in0.dat
                req0 = nil
            }
            send(0, to: req1) {
                dat1 = in1.dat
                req1 = nil
            }
            receive(from: dat0) { term in
                out0 = try opened(term)
                dat0 = nil
            }
            receive(from: dat1) { term in
                out1 = try opened(term)
                dat1 = nil
            }
        }
    }
    return (out0, out1)
}

private func opened(_ term: Rat?) throws -> Rat {
    guard let term else { throw PowserFailure(description: "select received closed on a channel nobody closes") }
    return term
}

/// Answers every demand on `out` with the next term of `input`, until cancelled. Go's `copy`.
private func copyTerms(from input: Series, to out: Series) async throws {
    // One pass per demand; the loop ends when shutdown cancels this goroutine.
    while true {
        try Task.checkCancellation()
        _ = try await take(out.req)
        try await out.dat.send(get(input))
    }
}

// MARK: - The operators, one goroutine each

/// Starts and owns the goroutines of one series network. Every operator below starts its
/// generator with `spawn`, so that `shutdown` can stop them all.
private final class Powser: Sendable {
    private let goroutines = GoroutineGroup()

    /// Go's `go`, through the group that `shutdown` stops.
    func spawn(_ body: sending @escaping () async throws -> Void) {
        goroutines.spawn(body)
    }

    /// Cancels and awaits every goroutine; returns the failures they reported.
    func shutdown() async -> [String] {
        await goroutines.shutdown()
    }

    // Constructors return the series at once; a goroutine produces its terms on demand.

    /// The constant series c, c, c, … (Go's `Rep` and `repeat`).
    func rep(_ c: Rat) -> Series {
        let z = Series()
        spawn {
            // One pass per demand, until shutdown.
            while true {
                try Task.checkCancellation()
                try await put(c, z)
            }
        }
        return z
    }

    /// c·x^n (Go's `Mon`); the zero monomial is the empty series.
    func mon(_ c: Rat, _ n: Int) -> Series {
        let z = Series()
        spawn {
            if c.num != 0 {
                for _ in stride(from: 0, to: n, by: 1) { try await put(.zero, z) }
                try await put(c, z)
            }
            try await put(.finis, z)
        }
        return z
    }

    /// c followed by the terms of u: c + x·U (Go's `Shift`).
    func shift(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn {
            try await put(c, z)
            try await copyTerms(from: u, to: z)
        }
        return z
    }

    /// Two readers of one series (Go's `Split`).
    func split(_ u: Series) -> SeriesPair {
        let pair = SeriesPair()
        spawn { try await self.split(u, into: pair) }
        return pair
    }

    /// Feeds `pair` from `input` and returns once the first generation runs (Go's `split`).
    func split(_ input: Series, into pair: SeriesPair) async throws {
        let release = Chan<Int>()
        spawn { try await self.splitGeneration(input, pair, wait: release) }
        try await release.send(0)
    }

    /// One generation of the splitter (Go's `dosplit`). Each generation fetches one term of
    /// `input` and hands it to both readers. The generation that serves the faster reader first
    /// starts the next generation at once, so the faster reader is never held up by the slower;
    /// the slower reader is served by the oldest generation still alive. `wait` is the previous
    /// generation's "done with the slower reader" signal; a generation that got it before any
    /// demand is the only one left and may serve either reader first, renaming them so that the
    /// one it served first is always `first`.
    ///
    /// Go shares one `dch2` between all generations and swaps its halves in place. The swap only
    /// ever happens in a generation that is alone (its predecessors have all signalled, and it
    /// has not started a successor yet), so handing each new generation a copy of the pair as it
    /// stands is the same thing, without sharing mutable state between tasks.
    func splitGeneration(_ input: Series, _ pair: SeriesPair, wait: Chan<Int>) async throws {
        var out = pair
        var both = false  // whether this generation may serve either reader first
        try await select {
            receive(from: out.first.req) { _ in }
            receive(from: wait) { _ in
                both = true
                try await select {
                    receive(from: out.first.req) { _ in }
                    receive(from: out.second.req) { _ in out.swapHalves() }
                }
            }
        }
        try await input.req.send(0)
        let release = Chan<Int>()
        let successorPair = out
        spawn { try await self.splitGeneration(input, successorPair, wait: release) }
        let term = try await take(input.dat)
        try await out.first.dat.send(term)
        if !both { _ = try await take(wait) }
        _ = try await take(out.second.req)
        try await out.second.dat.send(term)
        try await release.send(0)
    }

    /// U + V (Go's `Add`). When one series ends, the rest of the other is copied through.
    func add(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn {
            // One pass per demand, until shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await take(z.req)
                let (a, b) = try await get2(u, v)
                switch (a.isEnd, b.isEnd) {
                case (false, false):
                    try await z.dat.send(a + b)
                case (true, false):
                    try await z.dat.send(b)
                    try await copyTerms(from: v, to: z)
                case (false, true):
                    try await z.dat.send(a)
                    try await copyTerms(from: u, to: z)
                case (true, true):
                    try await z.dat.send(.finis)
                }
            }
        }
        return z
    }

    /// c·U (Go's `Cmul`).
    func cmul(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn {
            // One pass per demand, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await take(z.req)
                let term = try await get(u)
                if term.isEnd { break }
                try await z.dat.send(c * term)
            }
            try await z.dat.send(.finis)
        }
        return z
    }

    /// U - V (Go's `Sub`).
    func sub(_ u: Series, _ v: Series) -> Series {
        add(u, cmul(-.one, v))
    }

    /// x^n·U (Go's `Monmul`).
    func monmul(_ u: Series, _ n: Int) -> Series {
        let z = Series()
        spawn {
            for _ in stride(from: 0, to: n, by: 1) { try await put(.zero, z) }
            try await copyTerms(from: u, to: z)
        }
        return z
    }

    /// x·U (Go's `Xmul`).
    func xmul(_ u: Series) -> Series {
        monmul(u, 1)
    }

    /// U·V (Go's `Mul`). With U = u + x·UU and V = v + x·VV:
    /// U·V = u·v + x·(u·VV + v·UU) + x²·UU·VV, where the last product recurses lazily.
    func mul(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn {
            _ = try await take(z.req)
            let (a, b) = try await get2(u, v)
            if a.isEnd || b.isEnd {
                try await z.dat.send(.finis)
                return
            }
            try await z.dat.send(a * b)
            let uu = self.split(u)
            let vv = self.split(v)
            let w = self.add(self.cmul(a, vv.first), self.cmul(b, uu.first))
            _ = try await take(z.req)
            try await z.dat.send(get(w))
            try await copyTerms(from: self.add(w, self.mul(uu.second, vv.second)), to: z)
        }
        return z
    }

    /// dU/dx (Go's `Diff`).
    func diff(_ u: Series) -> Series {
        let z = Series()
        spawn {
            _ = try await take(z.req)
            if try await !get(u).isEnd {
                var i: Int64 = 1
                // One pass per demand, until U ends or shutdown.
                while true {
                    try Task.checkCancellation()
                    let term = try await get(u)
                    if term.isEnd { break }
                    try await z.dat.send(Rat(i) * term)
                    _ = try await take(z.req)
                    i += 1
                }
            }
            try await z.dat.send(.finis)
        }
        return z
    }

    /// c + ∫U dx (Go's `Integ`). Multiplying the end mark by 1/i leaves it the end mark, so the
    /// end is passed on like a term; like Go, a second end mark follows without a demand.
    func integ(_ c: Rat, _ u: Series) -> Series {
        let z = Series()
        spawn {
            try await put(c, z)
            var i: Int64 = 1
            // One pass per demand, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await take(z.req)
                let term = try await get(u)
                try await z.dat.send(Rat(1, i) * term)
                if term.isEnd { break }
                i += 1
            }
            try await z.dat.send(.finis)
        }
        return z
    }

    /// (1 + x)^c by the binomial theorem (Go's `Binom`), including its early stop: for a whole
    /// exponent the loop ends as soon as c reaches 0, before the last term is produced.
    func binom(_ exponent: Rat) -> Series {
        let z = Series()
        spawn {
            var c = exponent
            var k: Int64 = 1
            var term = Rat(1)
            // Ends when c reaches 0 (whole exponents) or at shutdown.
            while c.num != 0 {
                try Task.checkCancellation()
                try await put(term, z)
                term = term * c * Rat(1, k)
                c = c - .one
                k += 1
            }
            try await put(.finis, z)
        }
        return z
    }

    /// 1/U (Go's `Recip`). With U = u + x·UU and Z = 1/U = z + x·ZZ: z = 1/u and
    /// Z = z + x·(-z·UU·Z), i.e. Z is fed back into its own definition through a split.
    func recip(_ u: Series) -> Series {
        let z = Series()
        spawn {
            let zz = SeriesPair()
            _ = try await take(z.req)
            let r = try await get(u).inverse()
            try await z.dat.send(r)
            try await self.split(self.mul(self.cmul(-r, u), self.shift(r, zz.first)), into: zz)
            try await copyTerms(from: zz.second, to: z)
        }
        return z
    }

    /// exp(U) for U with constant term 0 (Go's `Exp`, which ignores a nonzero constant term):
    /// Z' = Z·U', so Z = 1 + ∫Z·U', again fed back through a split.
    func exp(_ u: Series) async throws -> Series {
        let zz = SeriesPair()
        try await split(integ(.one, mul(zz.first, diff(u))), into: zz)
        return zz.second
    }

    /// U(V) for V with constant term 0 (Go's `Subst`): u + V·U(V)... as Go writes it, which is
    /// right for the geometric series U = 1/(1-x) that the checks use.
    func subst(_ u: Series, _ v: Series) -> Series {
        let z = Series()
        spawn {
            let vv = self.split(v)
            _ = try await take(z.req)
            let first = try await get(u)
            try await z.dat.send(first)
            if !first.isEnd {
                if try await get(vv.first).isEnd {
                    try await put(.finis, z)
                } else {
                    try await copyTerms(from: self.mul(vv.first, self.subst(u, vv.second)), to: z)
                }
            }
        }
        return z
    }

    /// U(c·x^n) (Go's `MonSubst`): term i is scaled by c^i and followed by n-1 zeros.
    func monSubst(_ u: Series, _ c0: Rat, _ n: Int) -> Series {
        let z = Series()
        spawn {
            var c = Rat.one
            // One pass per term of U, until U ends or shutdown.
            while true {
                try Task.checkCancellation()
                _ = try await take(z.req)
                let term = try await get(u)
                try await z.dat.send(term * c)
                c = c * c0
                if term.isEnd {
                    try await z.dat.send(.finis)
                    break
                }
                for _ in stride(from: 1, to: n, by: 1) {
                    _ = try await take(z.req)
                    try await z.dat.send(.zero)
                }
            }
        }
        return z
    }

    /// U evaluated at x = c over its first n terms, by Horner's rule (Go's `eval`).
    func eval(_ c: Rat, _ u: Series, _ n: Int) async throws -> Rat {
        if n == 0 { return .zero }
        let y = try await get(u)
        if y.isEnd { return .zero }
        return try await y + c * eval(c, u, n - 1)
    }

    // Go's `evaln` (a floating-point evaluation that only prints) is not ported: it computes a
    // running power it never uses, so a faithful copy does not compile without a warning, and
    // nothing in Go calls it. Go's `printn` and `Poly` (the latter commented out) are left out too.
}

// MARK: - Checks

/// Runs `body` against a fresh series network, then stops every goroutine it started and fails
/// the test if any of them ended with an error.
private func withPowser(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (Powser) async throws -> Void
) async throws {
    let ps = Powser()
    let outcome: Result<Void, any Error>
    do {
        try await body(ps)
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    let failures = await ps.shutdown()
    for failure in failures {
        Issue.record("a goroutine failed: \(failure)", sourceLocation: sourceLocation)
    }
    try outcome.get()
}

/// Reads `count` terms of `u` and expects each to be `c` (Go's `check`).
private func check(
    _ u: Series, _ c: Rat, count: Int, _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    for i in 0..<count {
        let term = try await get(u)
        #expect(term == c, "\(name): term \(i) is \(term), want \(c)", sourceLocation: sourceLocation)
    }
}

/// Reads as many terms of `u` as `want` has and compares them in order (Go's `checka`). An end
/// mark in `want` matches any end mark: Go never compares end marks, whose numerator varies.
private func checka(
    _ u: Series, _ want: [Rat], _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    for (i, c) in want.enumerated() {
        let term = try await get(u)
        let same = c.isEnd ? term.isEnd : term == c
        #expect(same, "\(name): term \(i) is \(term), want \(c)", sourceLocation: sourceLocation)
    }
}
