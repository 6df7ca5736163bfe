import ArgumentParser
import Cake

/// The `cake` command line: one flag for every parameter of the original's `Shop`, with its
/// benchmarks' baseline as the defaults.
struct CakeOptions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cake",
        abstract: "Simulates the cake shop of gopl.io/ch8/cake and times it.",
        discussion: """
            A baker, --num-icers icers and an inscriber pass cakes along channels of --bake-buf \
            and --ice-buf slots. Each step takes its time, give or take a normally distributed \
            standard deviation, written as Go writes durations: 10ms, 1.5s, 250us, 0. The \
            defaults are the baseline of the original's benchmarks. cake prints how long each \
            run took and the mean.

            With --svg, cake sweeps --sweep-buffers (for both channels) and --sweep-icers \
            instead, runs --sweep-cakes cakes at each point, prints the time per run of each and \
            draws them as a chart.
            """
    )

    @Flag(help: "Print each step as it starts and each cake as it is finished, as the original's Verbose.")
    var verbose = false
    @Option(help: "Cakes to make in a run.") var cakes = 20
    @Option(help: .init("Time to bake one cake.", valueName: "duration")) var bakeTime = Time(.milliseconds(10))
    @Option(help: .init("Standard deviation of the baking time.", valueName: "duration")) var bakeStdDev = Time(.zero)
    @Option(help: "Slots in the channel from the baker to the icers.") var bakeBuf = 0
    @Option(help: "Icers working side by side; at least one, as the original deadlocks without.") var numIcers = 1
    @Option(help: .init("Time to ice one cake.", valueName: "duration")) var iceTime = Time(.milliseconds(10))
    @Option(help: .init("Standard deviation of the icing time.", valueName: "duration")) var iceStdDev = Time(.zero)
    @Option(help: "Slots in the channel from the icers to the inscriber.") var iceBuf = 0
    @Option(help: .init("Time to inscribe one cake.", valueName: "duration")) var inscribeTime = Time(.milliseconds(10))
    @Option(help: .init("Standard deviation of the inscribing time.", valueName: "duration")) var inscribeStdDev = Time(.zero)
    @Option(help: "Runs of the simulation (with --svg, at each point).") var runs = 1
    @Option(help: "Seed for the variation of the step times, to repeat it; run n uses seed+n-1, a sweep seed at every point. (default: a new one each run)")
    var seed: UInt64?
    @Flag(inversion: .prefixedNo, help: "Show a live progress line on standard error. (default: when standard error is a terminal and --verbose is off)")
    var progress: Bool?
    @Option(help: ArgumentHelp("Sweep buffer sizes and numbers of icers, and write a chart of the times to this SVG file.", valueName: "file"))
    var svg: String?
    @Option(help: .init("Buffer sizes to sweep, used for both channels.", valueName: "list")) var sweepBuffers = Counts([0, 1, 2, 5, 10])
    @Option(help: .init("Numbers of icers to sweep.", valueName: "list")) var sweepIcers = Counts([1, 2, 3, 4, 5])
    @Option(help: "Cakes a run while sweeping.") var sweepCakes = 10

    func validate() throws {
        func atLeast(_ minimum: Int, _ value: Int, _ flag: String) throws {
            if value < minimum { throw ValidationError("\(flag) must be at least \(minimum), not \(value).") }
        }
        try atLeast(0, cakes, "--cakes")
        try atLeast(0, bakeBuf, "--bake-buf")
        try atLeast(1, numIcers, "--num-icers")   // Go deadlocks without an icer
        try atLeast(0, iceBuf, "--ice-buf")
        try atLeast(1, runs, "--runs")
        try atLeast(0, sweepCakes, "--sweep-cakes")
        try atLeast(0, sweepBuffers.values.min()!, "every --sweep-buffers size")
        try atLeast(1, sweepIcers.values.min()!, "every --sweep-icers count")
        let times = [("--bake-time", bakeTime), ("--bake-std-dev", bakeStdDev), ("--ice-time", iceTime),
                     ("--ice-std-dev", iceStdDev), ("--inscribe-time", inscribeTime), ("--inscribe-std-dev", inscribeStdDev)]
        for (flag, time) in times where time.duration < .zero {
            throw ValidationError("\(flag) must not be negative, not \(time.defaultValueDescription).")
        }
    }

    /// The shop the flags describe.
    var shop: Shop {
        Shop(verbose: verbose, cakes: cakes,
             bakeTime: bakeTime.duration, bakeStdDev: bakeStdDev.duration, bakeBuf: bakeBuf,
             numIcers: numIcers, iceTime: iceTime.duration, iceStdDev: iceStdDev.duration, iceBuf: iceBuf,
             inscribeTime: inscribeTime.duration, inscribeStdDev: inscribeStdDev.duration, seed: seed)
    }

    /// The sweep the flags describe: the shop with --sweep-cakes cakes.
    var sweep: Sweep {
        var shop = self.shop
        shop.cakes = sweepCakes
        return Sweep(shop: shop, bufferSizes: sweepBuffers.values, icerCounts: sweepIcers.values, runs: runs)
    }
}

/// A duration flag, written as Go writes durations.
struct Time: ExpressibleByArgument {
    var duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = GoDuration.parse(argument) else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { GoDuration.format(duration) }
}

/// A flag holding a comma-separated list of whole numbers, such as `0,1,2,5,10`.
struct Counts: ExpressibleByArgument {
    var values: [Int]

    init(_ values: [Int]) { self.values = values }

    init?(argument: String) {
        let values = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !values.isEmpty, !values.contains(nil) else { return nil }
        self.values = values.compactMap { $0 }
    }

    var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }
}
