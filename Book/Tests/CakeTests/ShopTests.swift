// The cake shop simulation of gopl.io/ch8/cake: every cake through every stage, the order the
// channels guarantee, the buffers' bounds, and the original's six benchmarks, at a fraction of
// their length. Nothing sleeps to wait for the cooks: a manual clock holds a stage still and
// the tests wait for the cooks to park.
import Cake
@_spi(Testing) import Channels
import Testing

/// A shop whose steps take no time: the cooks only pass cakes along the channels.
private func instantShop(cakes: Int, bakeBuf: Int = 0, numIcers: Int = 1, iceBuf: Int = 0) -> Shop {
    Shop(cakes: cakes, bakeTime: .zero, bakeBuf: bakeBuf, numIcers: numIcers, iceTime: .zero, iceBuf: iceBuf, inscribeTime: .zero)
}

/// Buffer sizes and numbers of icers that the tests try.
private let shapes: [(bakeBuf: Int, iceBuf: Int, icers: Int)] = [
    (0, 0, 1), (1, 0, 1), (0, 1, 1), (3, 2, 1), (0, 0, 3), (2, 5, 2), (10, 10, 5),
]

@Suite("Shop", .timeLimit(.minutes(2)))
struct ShopTests {
    @Test("every cake goes through every stage exactly once", arguments: shapes)
    func everyCakeThroughEveryStage(_ shape: (bakeBuf: Int, iceBuf: Int, icers: Int)) async throws {
        // Given
        let log = EventLog()
        var shop = instantShop(cakes: 200, bakeBuf: shape.bakeBuf, numIcers: shape.icers, iceBuf: shape.iceBuf)
        shop.observer = log.observer

        // When
        try await shop.work(runs: 1)

        // Then
        for step in ["baking", "icing", "inscribing", "finished"] {
            #expect(log.cakes(step).sorted() == Array(0..<200), "\(step)")
        }
        #expect(log.events.count == 800)
    }

    @Test("the baker bakes in order, and one icer keeps that order to the end", arguments: shapes.filter { $0.icers == 1 })
    func oneIcerKeepsTheOrder(_ shape: (bakeBuf: Int, iceBuf: Int, icers: Int)) async throws {
        let log = EventLog()
        var shop = instantShop(cakes: 100, bakeBuf: shape.bakeBuf, iceBuf: shape.iceBuf)
        shop.observer = log.observer

        try await shop.work(runs: 1)

        // Channels are FIFO: with a single cook at every stage, no cake overtakes another.
        for step in ["baking", "icing", "inscribing", "finished"] {
            #expect(log.cakes(step) == Array(0..<100), "\(step)")
        }
    }

    @Test("with many icers, each cake still goes through the stages in turn", arguments: shapes.filter { $0.icers > 1 })
    func manyIcersKeepEachCakesSteps(_ shape: (bakeBuf: Int, iceBuf: Int, icers: Int)) async throws {
        let log = EventLog()
        var shop = instantShop(cakes: 100, bakeBuf: shape.bakeBuf, numIcers: shape.icers, iceBuf: shape.iceBuf)
        shop.observer = log.observer

        try await shop.work(runs: 1)

        // Icers may overtake one another, so only the baker's order is certain, and each cake's
        // own steps: a cook reports a step before the send that passes the cake on, and the send
        // comes before the receive that the next cook reports after.
        let events = log.events
        #expect(log.cakes("baking") == Array(0..<100))
        for cake in 0..<100 {
            let position = { (event: Shop.Event) in events.firstIndex(of: event) ?? -1 }
            let steps = [Shop.Event.baking(cake), .icing(cake), .inscribing(cake), .finished(cake)].map(position)
            #expect(steps == steps.sorted() && !steps.contains(-1), "cake \(cake): \(steps)")
        }
        // The inscriber finishes each cake before it takes the next.
        let inscriber = events.filter { $0.step == "inscribing" || $0.step == "finished" }
        for pair in stride(from: 0, to: inscriber.count, by: 2) {
            #expect(inscriber[pair] == .inscribing(inscriber[pair].cake))
            #expect(inscriber[pair + 1] == .finished(inscriber[pair].cake))
        }
    }

    @Test("each run makes all its cakes again, numbered from 0")
    func runsRepeat() async throws {
        let log = EventLog()
        var shop = instantShop(cakes: 30, bakeBuf: 2, numIcers: 2, iceBuf: 2)
        shop.observer = log.observer

        try await shop.work(runs: 3)

        #expect(log.cakes("finished").count == 90)
        #expect(log.cakes("baking") == Array(0..<30) + Array(0..<30) + Array(0..<30))
    }

    @Test("no cakes, or no runs, does nothing", arguments: [(-1, 1), (0, 1), (0, 0), (5, 0), (5, -2)])
    func nothingToDo(cakes: Int, runs: Int) async throws {
        // Go's loops simply do not run for a count below one; neither do these.
        let log = EventLog()
        var shop = instantShop(cakes: cakes, numIcers: cakes > 0 ? 1 : 0)  // no icer is fine with nothing to ice
        shop.observer = log.observer

        try await shop.work(runs: runs)

        #expect(log.events.isEmpty)
    }

    @Test("a shop without an icer traps, where Go deadlocks")
    func noIcerTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var shop = Shop(cakes: 1)
            shop.numIcers = 0
            try? await shop.work(runs: 1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("cake: 0 icers: nobody ices the cakes"))
        #expect(message.contains("all goroutines are asleep - deadlock!"))
    }
}

@Suite("Shop buffers", .timeLimit(.minutes(2)))
struct ShopBufferTests {
    @Test("with icing stalled, the baker gets ahead by at most bakeBuf cakes", arguments: shapes)
    func bakerGetsAheadByAtMostBakeBuf(_ shape: (bakeBuf: Int, iceBuf: Int, icers: Int)) async throws {
        // Given a shop whose icing lasts an hour on a clock that moves only when told to, while
        // baking and inscribing take no time
        let clock = ManualClock()
        let log = EventLog()
        let channels = Shared<(baked: Chan<Int>, iced: Chan<Int>)?>(nil)
        var shop = Shop(cakes: 1000, bakeTime: .zero, bakeBuf: shape.bakeBuf, numIcers: shape.icers,
                        iceTime: .seconds(3600), iceBuf: shape.iceBuf, inscribeTime: .zero)
        shop.observer = log.observer
        let work = Task { [shop] in
            try await shop.work(runs: 1, clock: clock) { baked, iced in channels.withLock { $0 = (baked, iced) } }
        }

        // When every icer has a cake in hand and the baker is stuck
        await clock.waitForSleepers(count: shape.icers)
        let (baked, iced) = try #require(channels.value)
        await eventually("the baker parks") { baked.parkedSenderCount == 1 }

        // Then the baker has baked one cake for each icer, filled the buffer, and holds one more
        #expect(log.cakes("icing").sorted() == Array(0..<shape.icers))
        #expect(baked.count == shape.bakeBuf)
        #expect(log.cakes("baking") == Array(0..<(shape.icers + shape.bakeBuf + 1)))
        #expect(log.cakes("inscribing").isEmpty)

        // When the icers finish, the cakes move on and each icer takes the next, so the baker
        // gets exactly `icers` cakes further before it is stuck again
        clock.advance(by: .seconds(3600))
        await clock.waitForSleepers(count: shape.icers)
        await eventually("the baker parks again and the iced cakes are finished") {
            baked.parkedSenderCount == 1 && log.cakes("baking").count == 2 * shape.icers + shape.bakeBuf + 1
                && log.cakes("finished").count == shape.icers
        }
        #expect(baked.count == shape.bakeBuf)
        #expect(log.cakes("finished").sorted() == Array(0..<shape.icers))
        #expect(iced.count == 0)

        // Cancelling the work ends every cook: none stays parked on a channel.
        work.cancel()
        await #expect(throws: CancellationError.self) { try await work.value }
        await eventually("the cooks leave") { baked.parkedSenderCount == 0 && iced.parkedSenderCount == 0 }
        #expect(clock.sleeperCount == 0)
    }

    @Test("with inscribing stalled, the pipeline fills to exactly its capacity", arguments: shapes)
    func pipelineFillsToItsCapacity(_ shape: (bakeBuf: Int, iceBuf: Int, icers: Int)) async throws {
        // Given a shop whose inscriber spends an hour on its first cake, on a clock that never
        // moves, while baking and icing take no time
        let clock = ManualClock()
        let log = EventLog()
        let channels = Shared<(baked: Chan<Int>, iced: Chan<Int>)?>(nil)
        var shop = Shop(cakes: 1000, bakeTime: .zero, bakeBuf: shape.bakeBuf, numIcers: shape.icers,
                        iceTime: .zero, iceBuf: shape.iceBuf, inscribeTime: .seconds(3600))
        shop.observer = log.observer
        let work = Task { [shop] in
            try await shop.work(runs: 1, clock: clock) { baked, iced in channels.withLock { $0 = (baked, iced) } }
        }

        // When every cook before the inscriber is stuck on a full channel
        await clock.waitForSleepers(count: 1)
        let (baked, iced) = try #require(channels.value)
        await eventually("icers and baker park") {
            iced.parkedSenderCount == shape.icers && baked.parkedSenderCount == 1
        }

        // Then the cakes in the shop are the inscriber's (whichever icer finished first: they
        // race), iceBuf buffered, one in each icer's hands, bakeBuf buffered and one in the baker's
        #expect(log.cakes("inscribing").count == 1)
        #expect(iced.count == shape.iceBuf)
        #expect(log.cakes("icing").count == 1 + shape.iceBuf + shape.icers)
        #expect(baked.count == shape.bakeBuf)
        #expect(log.cakes("baking") == Array(0..<(1 + shape.iceBuf + shape.icers + shape.bakeBuf + 1)))

        work.cancel()
        await #expect(throws: CancellationError.self) { try await work.value }
        await eventually("the cooks leave") { baked.parkedSenderCount == 0 && iced.parkedSenderCount == 0 }
    }
}

@Suite("The original's benchmarks", .timeLimit(.minutes(2)))
struct BenchmarkTests {
    @Test("each benchmark shop has the original's parameters")
    func parameters() {
        let baseline = Shop.Benchmark.baseline.shop
        #expect(baseline.cakes == 20 && baseline.numIcers == 1 && !baseline.verbose)
        #expect([baseline.bakeTime, baseline.iceTime, baseline.inscribeTime] == Array(repeating: .milliseconds(10), count: 3))
        #expect([baseline.bakeStdDev, baseline.iceStdDev, baseline.inscribeStdDev] == [.zero, .zero, .zero])
        #expect([baseline.bakeBuf, baseline.iceBuf] == [0, 0])

        let buffers = Shop.Benchmark.buffers.shop
        #expect([buffers.bakeBuf, buffers.iceBuf] == [10, 10])
        let variable = Shop.Benchmark.variable.shop
        #expect([variable.bakeStdDev, variable.iceStdDev, variable.inscribeStdDev] == Array(repeating: .microseconds(2500), count: 3))
        #expect([variable.bakeBuf, variable.iceBuf] == [0, 0])
        let variableBuffers = Shop.Benchmark.variableBuffers.shop
        #expect(variableBuffers.bakeStdDev == .microseconds(2500) && variableBuffers.bakeBuf == 10 && variableBuffers.iceBuf == 10)
        let slowIcing = Shop.Benchmark.slowIcing.shop
        #expect(slowIcing.iceTime == .milliseconds(50) && slowIcing.numIcers == 1)
        let manyIcers = Shop.Benchmark.slowIcingManyIcers.shop
        #expect(manyIcers.iceTime == .milliseconds(50) && manyIcers.numIcers == 5)
        #expect(Shop.Benchmark.allCases.map(\.rawValue) == [
            "Benchmark", "BenchmarkBuffers", "BenchmarkVariable", "BenchmarkVariableBuffers",
            "BenchmarkSlowIcing", "BenchmarkSlowIcingManyIcers",
        ])
    }

    @Test("each benchmark runs and completes, a twentieth as long", arguments: Shop.Benchmark.allCases)
    func runsAndCompletes(_ benchmark: Shop.Benchmark) async throws {
        let log = EventLog()
        var shop = benchmark.shop.scaled(by: 0.05)
        shop.seed = 42
        shop.observer = log.observer
        let clock = ContinuousClock()

        let start = clock.now
        try await shop.work(runs: 2)
        let elapsed = clock.now - start

        #expect(log.cakes("finished").count == 2 * shop.cakes)
        #expect(log.cakes("baking") == Array(0..<20) + Array(0..<20))
        if shop.bakeStdDev == .zero {
            // Sleeps never end early: each stage needs at least its share of the work.
            let icingRounds = (shop.cakes + shop.numIcers - 1) / shop.numIcers
            let bound = max(shop.bakeTime * shop.cakes, shop.iceTime * icingRounds, shop.inscribeTime * shop.cakes) * 2
            #expect(elapsed >= bound)
        }
    }

    @Test("the same seed draws the same step times", arguments: [Shop.Benchmark.variable, .variableBuffers])
    func seededJitterRepeats(_ benchmark: Shop.Benchmark) async throws {
        // One cook per stage, so that each cook handles every cake and draws the same number of
        // times whatever the scheduling.
        func delays(seed: UInt64) async throws -> [Duration] {
            var shop = benchmark.shop
            shop.seed = seed
            let clock = RecordingClock()
            try await shop.work(runs: 2, clock: clock)
            return clock.requested.sorted()
        }
        let first = try await delays(seed: 7)
        #expect(first.count == 2 * 3 * 20)
        #expect(try await delays(seed: 7) == first)
        #expect(try await delays(seed: 8) != first)
        // The delays vary around 10 ms by about a quarter of it.
        let mean = first.reduce(.zero, +) / first.count
        #expect(mean > .microseconds(9500) && mean < .microseconds(10500))
        #expect(first.first! < .milliseconds(8) && first.last! > .milliseconds(12))
    }

    @Test("without variation every step takes exactly its time")
    func noVariation() async throws {
        let clock = RecordingClock()
        var shop = Shop.Benchmark.slowIcingManyIcers.shop
        shop.cakes = 10
        try await shop.work(runs: 1, clock: clock)
        let requested = clock.requested
        #expect(requested.filter { $0 == .milliseconds(10) }.count == 20)
        #expect(requested.filter { $0 == .milliseconds(50) }.count == 10)
        #expect(requested.count == 30)
    }
}
