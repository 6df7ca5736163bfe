// Port of Go 1.23's src/runtime/chan_test.go
// (https://github.com/golang/go/blob/release-branch.go1.23/src/runtime/chan_test.go).
// Channel blocking rules, close and drain, FIFO order, and select's readiness, fairness and
// nil-channel rules, as the Go runtime's own tests check them.
//
// Translation notes that hold for the whole file:
// - Go's `runtime.GOMAXPROCS(n)` calls are dropped: the library decides how many threads run
//   goroutines and offers no knob for it.
// - Go sleeps a millisecond to "make sure" a goroutine has blocked. Here the test waits on the
//   package's clear-box hook until the goroutine is really parked on the channel
//   (`waitForParkedReceivers` / `waitForParkedSenders` from Support/), then checks with a
//   non-blocking receive on a second channel that the goroutine has NOT completed. Nothing
//   depends on how long anything takes.
// - Iteration counts are cut so the suite stays quick under ThreadSanitizer on two cores; each
//   test says by how much.
// - Goroutines never record issues themselves: they hand results back over channels and the
//   test's own task asserts on them.
// - Not ported from this file (not in this port's scope, and without a Swift counterpart):
//   TestShrinkStackDuringBlockedSend, TestNoShrinkStackWhileParking and TestSelectStackAdjust
//   exercise Go's movable goroutine stacks, which Swift tasks do not have; the Benchmark
//   functions belong to Benchmarks/.

import Testing
@_spi(Testing) import Channels

// The type name carries `chan_test` so that `swift test --filter chan_test` selects this suite:
// the filter matches test identifiers, not display names.
@Suite("Go src/runtime/chan_test.go", .timeLimit(.minutes(5)))
struct GoRuntime_chan_test {

    // MARK: - Helpers

    /// True when a non-blocking receive found nothing to take and the channel is open.
    private static func wouldBlock<E>(_ result: TryReceiveResult<E>) -> Bool {
        if case .wouldBlock = result { return true }
        return false
    }

    /// True when a non-blocking receive found the channel closed and drained.
    private static func isClosed<E>(_ result: TryReceiveResult<E>) -> Bool {
        if case .closed = result { return true }
        return false
    }

    // MARK: - TestChan

    /// Go walks every capacity from 0 to 199 (0 to 19 with -short). We take 0 to 19, where the
    /// boundary cases live, and a few large ones, to keep the run short under TSan.
    private static let testChanCapacities = Array(0..<20) + [50, 100, 199]

    @Test("TestChan")
    func testChan() async throws {
        // Go raises GOMAXPROCS to 4 here; there is no such knob (see the file header).
        for chanCap in Self.testChanCapacities {
            try await receiveFromEmptyChannelBlocks(chanCap)
            try await sendToFullChannelBlocks(chanCap)
            try await closedChannelDrainsThenReportsClosed(chanCap)
            try await closeWakesBlockedReceiver(chanCap)
            try await valuesArriveInOrderAndIntact(chanCap)
            try await countAndCapacity(chanCap)
        }
    }

    private func receiveFromEmptyChannelBlocks(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)
        let finished = Chan<Int>(capacity: 2)
        // Go's two goroutines use `<-c` and `v, ok := <-c`; Swift has one receive whose optional
        // result carries `ok`, so both goroutines are the same.
        for _ in 0..<2 {
            go {
                let v = try await c.receive()
                try await finished.send(v ?? -1)
            }
        }
        await c.waitForParkedReceivers(2)
        #expect(Self.wouldBlock(finished.tryReceive()), "chan[\(chanCap)]: receive from empty chan completed")

        // A non-blocking receive must come back at once with nothing, both through select's
        // default and through tryReceive.
        let tookSomething = try await select {
            receive(from: c) { _ in true }
            otherwise { false }
        }
        #expect(!tookSomething, "chan[\(chanCap)]: non-blocking receive from empty chan took a value")
        #expect(Self.wouldBlock(c.tryReceive()), "chan[\(chanCap)]: tryReceive on empty chan did not report wouldBlock")

        // Release both receivers and check that each got exactly what was sent.
        try await c.send(0)
        try await c.send(0)
        for _ in 0..<2 {
            let got = try await finished.receive()
            #expect(got == 0, "chan[\(chanCap)]: a released receiver got \(String(describing: got))")
        }
    }

    private func sendToFullChannelBlocks(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)
        for i in 0..<chanCap { try await c.send(i) }
        let sent = Chan<Void>(capacity: 1)
        go {
            try await c.send(0)
            try await sent.send(())
        }
        await c.waitForParkedSenders(1)
        #expect(Self.wouldBlock(sent.tryReceive()), "chan[\(chanCap)]: send to full chan completed")

        let didSend = try await select {
            send(0, to: c) { true }
            otherwise { false }
        }
        #expect(!didSend, "chan[\(chanCap)]: non-blocking send to full chan went through")

        // Taking one value frees a slot (or, unbuffered, takes the parked sender's value): the
        // oldest value is 0 either way, and the parked sender must then complete.
        let first = try await c.receive()
        #expect(first == 0, "chan[\(chanCap)]: received \(String(describing: first)), expected 0")
        _ = try await sent.receive()
        // Go stops here. We also check where the parked sender's value went: into the buffer,
        // which is full again (an unbuffered channel stays at 0).
        #expect(c.count == chanCap, "chan[\(chanCap)]: count \(c.count) after the parked sender completed")
    }

    private func closedChannelDrainsThenReportsClosed(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)
        for i in 0..<chanCap { try await c.send(i) }
        c.close()
        for i in 0..<chanCap {
            let v = try await c.receive()
            try #require(v == i, "chan[\(chanCap)]: received \(String(describing: v)), expected \(i)")
        }
        // Go reads the zero value twice, once without and once with `ok`; in Swift both are nil.
        let afterDrain = try await c.receive()
        #expect(afterDrain == nil, "chan[\(chanCap)]: received \(String(describing: afterDrain)) from drained closed chan")
        let again = try await c.receive()
        #expect(again == nil, "chan[\(chanCap)]: received \(String(describing: again)) from drained closed chan")
        #expect(Self.isClosed(c.tryReceive()), "chan[\(chanCap)]: tryReceive on drained closed chan did not report closed")
    }

    private func closeWakesBlockedReceiver(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)
        let done = Chan<Bool>()
        go {
            let v = try await c.receive()
            try await done.send(v == nil)
        }
        await c.waitForParkedReceivers(1)
        #expect(Self.wouldBlock(done.tryReceive()), "chan[\(chanCap)]: receive from empty open chan completed")
        c.close()
        let sawClosed = try await done.receive()
        #expect(sawClosed == true, "chan[\(chanCap)]: receiver woken by close did not see a closed chan")
    }

    private func valuesArriveInOrderAndIntact(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)

        // One sender, 100 values: they must come out unchanged and in order.
        go {
            for i in 0..<100 { try await c.send(i) }
        }
        for i in 0..<100 {
            let v = try await c.receive()
            try #require(v == i, "chan[\(chanCap)]: received \(String(describing: v)), expected \(i)")
        }

        // Go repeats this with the `v, ok` receive. Swift's one receive already reports `ok` as
        // the optional, so the second pass goes through select's receive case instead, which
        // takes its own path through the library.
        go {
            for i in 0..<100 { try await c.send(i) }
        }
        for i in 0..<100 {
            let v = try await select {
                receive(from: c) { v in v }
            }
            try #require(v != nil, "chan[\(chanCap)]: receive failed, expected \(i)")
            try #require(v == i, "chan[\(chanCap)]: received \(String(describing: v)), expected \(i)")
        }

        // Four senders and four receivers, 1000 values each way: every value sent is received
        // exactly once (nothing lost, nothing duplicated).
        let producers = 4
        let perProducer = 1000
        for _ in 0..<producers {
            go {
                for i in 0..<perProducer { try await c.send(i) }
            }
        }
        let tallies = Chan<[Int: Int]>()
        for _ in 0..<producers {
            go {
                var seen: [Int: Int] = [:]
                for _ in 0..<perProducer {
                    // -1 stands for "channel reported closed", which must never happen here.
                    let v = try await c.receive() ?? -1
                    seen[v, default: 0] += 1
                }
                try await tallies.send(seen)
            }
        }
        var total: [Int: Int] = [:]
        for _ in 0..<producers {
            let part = try #require(try await tallies.receive())
            total.merge(part, uniquingKeysWith: +)
        }
        #expect(total.count == perProducer, "chan[\(chanCap)]: received \(total.count) distinct values, expected \(perProducer)")
        for (value, times) in total where times != producers {
            Issue.record("chan[\(chanCap)]: value \(value) received \(times) times, expected \(producers)")
        }
    }

    private func countAndCapacity(_ chanCap: Int) async throws {
        let c = Chan<Int>(capacity: chanCap)
        #expect(c.count == 0 && c.capacity == chanCap, "chan[\(chanCap)]: count/capacity \(c.count)/\(c.capacity), expected 0/\(chanCap)")
        for i in 0..<chanCap { try await c.send(i) }
        #expect(c.count == chanCap && c.capacity == chanCap, "chan[\(chanCap)]: count/capacity \(c.count)/\(c.capacity), expected \(chanCap)/\(chanCap)")
    }

    // MARK: - Non-blocking races

    @Test("TestNonblockRecvRace")
    func testNonblockRecvRace() async throws {
        // A goroutine does a non-blocking receive on a channel that holds a value while the test
        // closes the channel and drains it. Whatever the interleaving, the channel is never
        // "empty and open", so the default case must never be taken.
        // Go runs 10000 rounds (100 with -short); 1000 here.
        for round in 0..<1000 {
            let c = Chan<Int>(capacity: 1)
            try await c.send(1)
            let ready = Chan<Bool>(capacity: 1)
            go {
                let found = try await select {
                    receive(from: c) { _ in true }
                    otherwise { false }
                }
                try await ready.send(found)
            }
            c.close()
            _ = try await c.receive()
            let found = try await ready.receive()
            try #require(found == true, "round \(round): chan is not ready")
        }
    }

    @Test("TestNonblockSelectRace")
    func testNonblockSelectRace() async throws {
        // From the moment the goroutine starts, c1 or c2 (or both) holds a value: the test fills
        // c2 and only then tries to take c1's value back. A select that looks at the channels at
        // one instant must therefore always find one of them ready and never run its default.
        // Go runs 100000 rounds (1000 with -short); 2000 here.
        let done = Chan<Bool>(capacity: 1)
        for round in 0..<2000 {
            let c1 = Chan<Int>(capacity: 1)
            let c2 = Chan<Int>(capacity: 1)
            try await c1.send(1)
            go {
                let found = try await select {
                    receive(from: c1) { _ in true }
                    receive(from: c2) { _ in true }
                    otherwise { false }
                }
                try await done.send(found)
            }
            try await c2.send(1)
            try await select {
                receive(from: c1) { _ in }
                otherwise {}
            }
            let found = try await done.receive()
            try #require(found == true, "round \(round): no chan is ready")
        }
    }

    @Test("TestNonblockSelectRace2")
    func testNonblockSelectRace2() async throws {
        // The same race, with c2 made ready by closing it (a closed channel is always ready to
        // receive from) instead of by a send.
        // Go runs 100000 rounds (1000 with -short); 2000 here.
        let done = Chan<Bool>(capacity: 1)
        for round in 0..<2000 {
            let c1 = Chan<Int>(capacity: 1)
            let c2 = Chan<Int>()
            try await c1.send(1)
            go {
                let found = try await select {
                    receive(from: c1) { _ in true }
                    receive(from: c2) { _ in true }
                    otherwise { false }
                }
                try await done.send(found)
            }
            c2.close()
            try await select {
                receive(from: c1) { _ in }
                otherwise {}
            }
            let found = try await done.receive()
            try #require(found == true, "round \(round): no chan is ready")
        }
    }

    // MARK: - Select

    @Test("TestSelfSelect")
    func testSelfSelect() async throws {
        // Two goroutines each run 1000 selects that both send to and receive from the same
        // channel, in both case orders. Nothing may crash or deadlock, and on an unbuffered
        // channel a select must never pair its own send with its own receive.
        // Go raises GOMAXPROCS to 2 here; there is no such knob (see the file header).
        for chanCap in [0, 10] {
            let c = Chan<Int>(capacity: chanCap)
            let selfReceives = Chan<Int>(capacity: 2)
            let wg = WaitGroup()
            wg.add(2)
            for p in 0..<2 {
                go {
                    defer { wg.done() }
                    var own = 0
                    for i in 0..<1000 {
                        // nil: this select sent; otherwise the value it received.
                        let got: Int?
                        if p == 0 || i % 2 == 0 {
                            got = try await select {
                                send(p, to: c) { Int?.none }
                                receive(from: c) { v in v }
                            }
                        } else {
                            got = try await select {
                                receive(from: c) { v in v }
                                send(p, to: c) { Int?.none }
                            }
                        }
                        // Go stops the goroutine at the first self receive; that would leave the
                        // other one blocked forever, so we count and carry on instead.
                        if chanCap == 0, got == p { own += 1 }
                    }
                    try await selfReceives.send(own)
                }
            }
            try await wg.wait()
            for _ in 0..<2 {
                let own = try await selfReceives.receive()
                #expect(own == 0, "chan[\(chanCap)]: a select received its own send \(String(describing: own)) times")
            }
        }
    }

    @Test("TestSelectStress")
    func testSelectStress() async throws {
        // Two unbuffered and two buffered channels. Each one has a goroutine sending to it and
        // one receiving from it; on top of that one goroutine sends to all four through a single
        // select and one receives from all four the same way, switching a channel's case off
        // (making it nil) once it has moved its share. All of it must finish: no deadlock.
        // Go moves 100000 values per channel and party (10000 with -short); 1000 here.
        // Go raises GOMAXPROCS to 10 here; there is no such knob (see the file header).
        let perChannel = 1000
        let c: [Chan<Int>] = [Chan(), Chan(), Chan(capacity: 2), Chan(capacity: 3)]
        let finalCounts = Chan<[Int]>(capacity: 2)
        let wg = WaitGroup()
        wg.add(10)
        for k in 0..<4 {
            let ck = c[k]
            go {
                defer { wg.done() }
                for _ in 0..<perChannel { try await ck.send(0) }
            }
            go {
                defer { wg.done() }
                for _ in 0..<perChannel { _ = try await ck.receive() }
            }
        }
        go {
            defer { wg.done() }
            var n = [0, 0, 0, 0]
            var live: [Chan<Int>?] = c
            for _ in 0..<(4 * perChannel) {
                try await select {
                    send(0, to: live[3]) {
                        n[3] += 1
                        if n[3] == perChannel { live[3] = nil }
                    }
                    send(0, to: live[2]) {
                        n[2] += 1
                        if n[2] == perChannel { live[2] = nil }
                    }
                    send(0, to: live[0]) {
                        n[0] += 1
                        if n[0] == perChannel { live[0] = nil }
                    }
                    send(0, to: live[1]) {
                        n[1] += 1
                        if n[1] == perChannel { live[1] = nil }
                    }
                }
            }
            try await finalCounts.send(n)
        }
        go {
            defer { wg.done() }
            var n = [0, 0, 0, 0]
            var live: [Chan<Int>?] = c
            for _ in 0..<(4 * perChannel) {
                try await select {
                    receive(from: live[0]) { _ in
                        n[0] += 1
                        if n[0] == perChannel { live[0] = nil }
                    }
                    receive(from: live[1]) { _ in
                        n[1] += 1
                        if n[1] == perChannel { live[1] = nil }
                    }
                    receive(from: live[2]) { _ in
                        n[2] += 1
                        if n[2] == perChannel { live[2] = nil }
                    }
                    receive(from: live[3]) { _ in
                        n[3] += 1
                        if n[3] == perChannel { live[3] = nil }
                    }
                }
            }
            try await finalCounts.send(n)
        }
        try await wg.wait()
        // Beyond Go: a nil channel's case never fires, so each select moved exactly its share on
        // every channel.
        for _ in 0..<2 {
            let n = try await finalCounts.receive()
            #expect(n == [perChannel, perChannel, perChannel, perChannel], "per-channel counts of a select goroutine: \(String(describing: n))")
        }
    }

    @Test("TestSelectFairness")
    func testSelectFairness() async throws {
        // c1 and c2 always hold values and c3, c4 never do, so every select below has exactly two
        // ready cases and must pick each with probability 1/2.
        //
        // Bound: Go allows 10 standard deviations (500 of 10000). We allow 8 (400): the count of
        // c1's picks is Binomial(10000, 1/2), and by Hoeffding's inequality it strays more than
        // 400 from 5000 with probability at most 2·exp(-2·400²/10000) = 2·e^-32 ≈ 2.5e-14.
        // A select that favours one ready case 56% of the time fails with probability > 0.9999.
        // Go's skip on linux/ppc64le (issue 22047) concerns that platform's scheduler only.
        let trials = 10000
        let c1 = Chan<UInt8>(capacity: trials + 1)
        let c2 = Chan<UInt8>(capacity: trials + 1)
        for _ in 0...trials {
            try await c1.send(1)
            try await c2.send(2)
        }
        let c3 = Chan<UInt8>()
        let c4 = Chan<UInt8>()
        let out = Chan<UInt8>()
        let done = Chan<UInt8>()
        let wg = WaitGroup()
        wg.add(1)
        go {
            defer { wg.done() }
            // Go loops forever and leaves through `done`; the test reads `trials` values, so the
            // goroutine leaves on round trials + 1 at the latest and this bound is never reached.
            for _ in 0...trials {
                let b = try await select {
                    receive(from: c3) { v in v ?? 0 }
                    receive(from: c4) { v in v ?? 0 }
                    receive(from: c1) { v in v ?? 0 }
                    receive(from: c2) { v in v ?? 0 }
                }
                let delivered = try await select {
                    send(b, to: out) { true }
                    receive(from: done) { _ in false }
                }
                if !delivered { return }
            }
        }
        var cnt1 = 0
        var cnt2 = 0
        for i in 0..<trials {
            let b = try await out.receive()
            switch b {
            case 1?: cnt1 += 1
            case 2?: cnt2 += 1
            default:
                Issue.record("trial \(i): unexpected value \(String(describing: b)) on channel")
                return
            }
        }
        let allowed = 400
        #expect(abs(cnt1 - trials / 2) <= allowed, "unfair select: in \(trials) trials, results were \(cnt1), \(cnt2)")
        done.close()
        try await wg.wait()
    }

    /// Stands in for the Go test's empty struct type: channels of an existential element.
    private protocol Marker: AnyObject, Sendable {}
    private final class MarkerBox: Marker {}

    @Test("TestChanSendInterface")
    func testChanSendInterface() async throws {
        // Go sends a pointer through a `chan any` in plain and select sends. The Swift element
        // is a protocol existential. Go only checks that nothing crashes; we also check which
        // case ran and that the same instance comes out.
        let m = MarkerBox()
        let c = Chan<any Marker>(capacity: 1)
        try await c.send(m)
        let first = try await select {
            send(m, to: c) { "sent" }
            otherwise { "default" }
        }
        #expect(first == "default", "send to a full chan of existentials ran the \(first) case")
        let second = try await select {
            send(m, to: c) { "sent m" }
            send(MarkerBox(), to: c) { "sent new" }
            otherwise { "default" }
        }
        #expect(second == "default", "send to a full chan of existentials ran the \(second) case")
        let out = try #require(try await c.receive())
        #expect(out === m, "the existential that came out is not the one sent")
        #expect(Self.wouldBlock(c.tryReceive()), "a select send that took default still delivered")
    }

    @Test("TestPseudoRandomSend")
    func testPseudoRandomSend() async throws {
        // A select with two send cases on one channel, sending 1 and 0, must not always pick the
        // same case. Bound (Go's): each value makes up more than a tenth of the 100 sent. With a
        // fair choice a given value shows up at most 10 times with probability
        // P(Binomial(100, 1/2) <= 10) ≈ 1.5e-17; over both values and both capacities the test
        // fails by chance with probability below 6.2e-17.
        // With the unbuffered channel the select usually parks before the receiver arrives, so
        // this also checks that a parked select does not always wake on its first-listed case.
        let n = 100
        for chanCap in [0, n] {
            let c = Chan<Int>(capacity: chanCap)
            let received = Chan<[Int]>(capacity: 1)
            go {
                var l: [Int] = []
                for _ in 0..<n {
                    await Task.yield()   // Go's runtime.Gosched()
                    l.append(try await c.receive() ?? -1)
                }
                try await received.send(l)
            }
            for _ in 0..<n {
                try await select {
                    send(1, to: c) {}
                    send(0, to: c) {}
                }
            }
            let l = try #require(try await received.receive())
            let n0 = l.count(where: { $0 == 0 })
            let n1 = l.count(where: { $0 == 1 })
            #expect(n0 + n1 == n, "chan cap \(chanCap): received values other than 0 and 1: \(l)")
            #expect(n0 > n / 10 && n1 > n / 10, "Want pseudorandom, got \(n0) zeros and \(n1) ones (chan cap \(chanCap))")
        }
    }

    @Test("TestMultiConsumer")
    func testMultiConsumer() async throws {
        // 23 workers range over a buffered work queue and forward each item to a results
        // channel; some of them yield on particular values to shuffle the order. The feeder
        // closes the queue, waits for the workers, and closes the results. Every item must come
        // through exactly once: the count and the sum must match.
        // Go feeds 271828 items; 27183 here.
        let workers = 23
        let items = 27183
        let pn = [2, 3, 7, 11, 13, 17, 19, 23, 27, 31]

        let q = Chan<Int>(capacity: workers * 3)
        let r = Chan<Int>(capacity: workers * 3)

        let wg = WaitGroup()
        for w in 0..<workers {
            wg.add(1)
            go {
                defer { wg.done() }
                for await v in q {
                    if pn[w % pn.count] == v {
                        await Task.yield()   // Go's runtime.Gosched()
                    }
                    try await r.send(v)
                }
            }
        }

        // Go's feeder adds up the expected sum as it goes and the test reads it after the
        // results channel closes. Here the sum is computed up front: a Swift goroutine cannot
        // share a mutable local with the test, and the value is the same.
        let expect = (0..<items).reduce(0) { $0 + pn[$1 % pn.count] }
        go {
            for i in 0..<items {
                try await q.send(pn[i % pn.count])
            }
            q.close()
            try await wg.wait()
            r.close()
        }

        var count = 0
        var sum = 0
        for await v in r {
            count += 1
            sum += v
        }
        #expect(count == items && sum == expect, "Expected sum \(expect) (got \(sum)) from \(items) iter (saw \(count))")
    }

    @Test("TestSelectDuplicateChannel")
    func testSelectDuplicateChannel() async throws {
        // Goroutine A selects with two receive cases on the same channel c (plus one on d), so it
        // waits on c twice. Goroutine B then waits on c with a plain receive. Waking A through d
        // must take both of A's entries off c, so that the later send on c reaches B. (In Go this
        // once corrupted c's queue of waiting receivers.)
        //
        // Go sleeps to get the order "A parked, then B parked, then d <- 7". Here the test waits on
        // the park hooks for each step, so that order holds in every round. Go runs the scenario
        // once; it is cheap, so we run it 50 times.
        for round in 0..<50 {
            let c = Chan<Int>()
            let d = Chan<Int>()
            let e = Chan<Int>()
            let bGot = Chan<Int>(capacity: 1)

            // Goroutine A. Reports what it received through d, or -1 if a c case fired.
            go {
                let got = try await select {
                    receive(from: c) { _ in -1 }
                    receive(from: c) { _ in -1 }
                    receive(from: d) { v in v ?? -2 }
                }
                try await e.send(got)
            }
            // A select parks on all its channels under their locks at once, so once A is seen on
            // d and on c, all of its entries are in place.
            await d.waitForParkedReceivers(1)
            await c.waitForParkedReceivers(1)
            let entriesOfA = c.parkedReceiverCount

            // Goroutine B, queued on c behind A.
            go {
                let v = try await c.receive()
                try await bGot.send(v ?? -1)
            }
            await c.waitForParkedReceivers(entriesOfA + 1)

            try await d.send(7)
            let fromA = try await e.receive()
            try #require(fromA == 7, "round \(round): A reported \(String(describing: fromA)), expected the 7 sent on d")
            // Beyond Go: A has left c completely, so only B is still waiting there.
            #expect(c.parkedReceiverCount == 1, "round \(round): \(c.parkedReceiverCount) receivers on c after A left, expected only B")
            try await c.send(8)
            let fromB = try await bGot.receive()
            try #require(fromB == 8, "round \(round): B received \(String(describing: fromB)), expected 8")
        }
    }
}
