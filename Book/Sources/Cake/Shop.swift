import Channels

/// A simulated cake shop: a three-stage pipeline of cooks joined by channels. Go: `cake.Shop`
/// (gopl.io/ch8/cake, book page 234).
///
/// One baker bakes `cakes` cakes in turn and hands each one on through a channel of
/// `bakeBuf` slots; `numIcers` icers take cakes from it, ice them and hand them on through a
/// channel of `iceBuf` slots; the inscriber writes on each cake and finishes it. Every step
/// takes its `…Time`, give or take a normally distributed `…StdDev`: the cook waits that long,
/// as the original's `work` does with `time.Sleep`, so the simulation measures how the stages
/// wait for one another, not how fast the processor is.
///
/// ```swift
/// var shop = Shop()             // the original benchmarks' baseline: 20 cakes, 10 ms a step
/// shop.bakeBuf = 10             // BenchmarkBuffers
/// shop.iceBuf = 10
/// try await shop.work(runs: 1)  // shop.Work(1)
/// ```
///
/// `Shop()` is the baseline of the original's benchmarks, not Go's zero `Shop{}`, which has no
/// icer: with cakes to make and no icer, Go dies with "all goroutines are asleep - deadlock!",
/// and `work(runs:)` traps with a message saying why.
public struct Shop: Sendable {
    /// Print a line as each step starts and as each cake is finished. Go: `Verbose`.
    public var verbose: Bool
    /// Cakes to make in one run. Go: `Cakes`.
    public var cakes: Int
    /// Time to bake one cake. Go: `BakeTime`.
    public var bakeTime: Duration
    /// Standard deviation of the baking time. Go: `BakeStdDev`.
    public var bakeStdDev: Duration
    /// Slots in the channel from the baker to the icers. Go: `BakeBuf`.
    public var bakeBuf: Int
    /// Icers working side by side. Go: `NumIcers`.
    public var numIcers: Int
    /// Time to ice one cake. Go: `IceTime`.
    public var iceTime: Duration
    /// Standard deviation of the icing time. Go: `IceStdDev`.
    public var iceStdDev: Duration
    /// Slots in the channel from the icers to the inscriber. Go: `IceBuf`.
    public var iceBuf: Int
    /// Time to inscribe one cake. Go: `InscribeTime`.
    public var inscribeTime: Duration
    /// Standard deviation of the inscribing time. Go: `InscribeStdDev`.
    public var inscribeStdDev: Duration
    /// Seeds the random variation of the step times, so that a run can be repeated; nil draws
    /// a fresh seed for every `work(runs:)`. Go has none: `math/rand`'s shared source.
    public var seed: UInt64?
    /// Called on the cook's goroutine at every step, with what `verbose` prints: for progress
    /// reports and tests. Not in Go.
    public var observer: (@Sendable (Event) -> Void)?

    /// A shop with the given parameters; the defaults are the baseline of the original's
    /// benchmarks (its `defaults` shop): 20 cakes, one icer, 10 ms for every step, no
    /// variation, no buffers.
    public init(
        verbose: Bool = false,
        cakes: Int = 20,
        bakeTime: Duration = .milliseconds(10),
        bakeStdDev: Duration = .zero,
        bakeBuf: Int = 0,
        numIcers: Int = 1,
        iceTime: Duration = .milliseconds(10),
        iceStdDev: Duration = .zero,
        iceBuf: Int = 0,
        inscribeTime: Duration = .milliseconds(10),
        inscribeStdDev: Duration = .zero,
        seed: UInt64? = nil,
        observer: (@Sendable (Event) -> Void)? = nil
    ) {
        self.verbose = verbose
        self.cakes = cakes
        self.bakeTime = bakeTime
        self.bakeStdDev = bakeStdDev
        self.bakeBuf = bakeBuf
        self.numIcers = numIcers
        self.iceTime = iceTime
        self.iceStdDev = iceStdDev
        self.iceBuf = iceBuf
        self.inscribeTime = inscribeTime
        self.inscribeStdDev = inscribeStdDev
        self.seed = seed
        self.observer = observer
    }

    /// Runs the simulation `runs` times, one after the other, on the calling task, which plays
    /// the inscriber; the baker and the icers are goroutines. Returns when the last cake of the
    /// last run is finished. Go: `shop.Work(runs)`.
    ///
    /// Throws `CancellationError` if the task is cancelled; the run's goroutines are then
    /// cancelled too, where Go has no way to stop them.
    public func work(runs: Int) async throws {
        try await work(runs: runs, clock: ContinuousClock())
    }

    /// Runs the simulation `runs` times, taking the time of every step on `clock`.
    public func work<C: Clock>(runs: Int, clock: C) async throws where C.Duration == Duration {
        try await work(runs: runs, clock: clock, inspect: nil)
    }

    /// `work(runs:clock:)`, handing each run's two channels to `inspect` before any cook
    /// starts: the hook through which tests watch the buffers and the parked cooks.
    package func work<C: Clock>(
        runs: Int,
        clock: C,
        inspect: (@Sendable (_ baked: Chan<Int>, _ iced: Chan<Int>) -> Void)?
    ) async throws where C.Duration == Duration {
        if cakes > 0 && numIcers < 1 {
            fatalError("cake: \(numIcers) icers: nobody ices the cakes, so the inscriber would wait for ever (Go: all goroutines are asleep - deadlock!)")
        }
        let seed = self.seed ?? UInt64.random(in: .min ... .max)
        for run in 0..<max(runs, 0) {
            let baked = Chan<Int>(capacity: bakeBuf)
            let iced = Chan<Int>(capacity: iceBuf)
            inspect?(baked, iced)
            let stream = UInt64(run) << 32   // each cook of each run draws its own delays
            var cooks = [go { [self] in
                try await baker(baked.sendOnly, Jitter(seed: seed, stream: stream), clock)
            }]
            for icer in 0..<numIcers {
                cooks.append(go { [self] in
                    try await self.icer(iced.sendOnly, baked.receiveOnly, Jitter(seed: seed, stream: stream + 2 + UInt64(icer)), clock)
                })
            }
            do {
                try await inscriber(iced.receiveOnly, Jitter(seed: seed, stream: stream + 1), clock)
            } catch {
                for cook in cooks { cook.cancel() }
                throw error
            }
        }
    }

    // MARK: the cooks

    private func baker<C: Clock>(_ baked: SendChan<Int>, _ jitter: Jitter, _ clock: C) async throws
    where C.Duration == Duration {
        var jitter = jitter
        for cake in 0..<max(cakes, 0) {
            report(.baking(cake))
            try await work(bakeTime, bakeStdDev, &jitter, clock)
            try await baked.send(cake)
        }
        baked.close()
    }

    private func icer<C: Clock>(_ iced: SendChan<Int>, _ baked: ReceiveChan<Int>, _ jitter: Jitter, _ clock: C) async throws
    where C.Duration == Duration {
        var jitter = jitter
        for await cake in baked {
            report(.icing(cake))
            try await work(iceTime, iceStdDev, &jitter, clock)
            try await iced.send(cake)
        }
    }

    private func inscriber<C: Clock>(_ iced: ReceiveChan<Int>, _ jitter: Jitter, _ clock: C) async throws
    where C.Duration == Duration {
        var jitter = jitter
        for _ in 0..<max(cakes, 0) {
            // Nobody closes `iced`: the icers end when `baked` is drained, and the inscriber
            // counts its cakes instead. Cancellation is the only other way out.
            guard let cake = try await iced.receive() else { preconditionFailure("the iced channel was closed") }
            report(.inscribing(cake))
            try await work(inscribeTime, inscribeStdDev, &jitter, clock)
            report(.finished(cake))
        }
    }

    /// Spends one step's time: the cook waits, giving its thread to the other cooks, as Go's
    /// `time.Sleep` parks the goroutine. A step that comes out zero or negative takes no time.
    private func work<C: Clock>(_ time: Duration, _ stdDev: Duration, _ jitter: inout Jitter, _ clock: C) async throws
    where C.Duration == Duration {
        let delay = jitter.delay(time, stdDev: stdDev)
        if delay > .zero {
            try await clock.sleep(for: delay, tolerance: nil)
        }
    }

    private func report(_ event: Event) {
        if verbose { print(event) }
        observer?(event)
    }
}
