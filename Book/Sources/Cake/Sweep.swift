/// Runs one shop over a grid of buffer sizes and numbers of icers, timing each: the data for
/// the chapter's argument about buffering drawn as a chart (see `chart(_:)`).
///
/// Each point sets both `bakeBuf` and `iceBuf` to its buffer size and `numIcers` to its number
/// of icers; every other parameter comes from `shop`. Not in the original, whose benchmarks
/// try six points by hand.
public struct Sweep: Sendable {
    /// The shop whose buffers and icers are varied.
    public var shop: Shop
    /// The buffer sizes to try, each used for both channels; the chart's horizontal axis.
    public var bufferSizes: [Int]
    /// The numbers of icers to try; one line of the chart each.
    public var icerCounts: [Int]
    /// Runs of the simulation per point; the point's time is their mean.
    public var runs: Int

    /// The time one run of a shop took, at one point of the grid.
    public struct Point: Sendable, Hashable {
        public var bufferSize: Int      // bakeBuf and iceBuf
        public var icers: Int           // numIcers
        public var timePerRun: Duration // wall-clock time of `runs` runs, divided by `runs`

        public init(bufferSize: Int, icers: Int, timePerRun: Duration) {
            self.bufferSize = bufferSize
            self.icers = icers
            self.timePerRun = timePerRun
        }
    }

    /// A sweep of `shop` over the given grid; the defaults are the sizes the chapter's
    /// discussion suggests: no buffer up to ten slots, one to five icers.
    public init(shop: Shop, bufferSizes: [Int] = [0, 1, 2, 5, 10], icerCounts: [Int] = [1, 2, 3, 4, 5], runs: Int = 1) {
        self.shop = shop
        self.bufferSizes = bufferSizes
        self.icerCounts = icerCounts
        self.runs = runs
    }

    /// Cakes made by the whole sweep, for a progress report.
    public var totalCakes: Int {
        bufferSizes.count * icerCounts.count * max(runs, 0) * max(shop.cakes, 0)
    }

    /// The shop for one point of the grid.
    public func shop(bufferSize: Int, icers: Int) -> Shop {
        var shop = self.shop
        shop.bakeBuf = bufferSize
        shop.iceBuf = bufferSize
        shop.numIcers = icers
        return shop
    }

    /// Runs every point, one after the other (running them side by side would make them
    /// compete for the processors), by number of icers and then by buffer size. Calls
    /// `measured` as each point is done, and returns all of them.
    ///
    /// Every point uses the same seed (`shop.seed`, or one drawn for the whole sweep), so the
    /// baker, the inscriber and each icer meet the same variations at every point and the
    /// points differ only in their buffers and icers.
    public func run(measured: (Point) -> Void = { _ in }) async throws -> [Point] {
        let clock = ContinuousClock()
        let seed = shop.seed ?? UInt64.random(in: .min ... .max)
        var points: [Point] = []
        for icers in icerCounts {
            for bufferSize in bufferSizes {
                var shop = shop(bufferSize: bufferSize, icers: icers)
                shop.seed = seed
                let start = clock.now
                try await shop.work(runs: runs)
                let point = Point(bufferSize: bufferSize, icers: icers, timePerRun: (clock.now - start) / max(runs, 1))
                measured(point)
                points.append(point)
            }
        }
        return points
    }
}
