// cake: runs the cake shop of gopl.io/ch8/cake (book page 234), a package with benchmarks in
// the original, as a command. Flags set the shop; it prints how long each run took. With
// --svg it sweeps buffer sizes and numbers of icers and charts the time per run instead.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Cake
import Channels
import ExampleSupport

func simulate(_ shop: Shop, runs: Int, progress: ProgressLine?) async throws {
    var shop = shop
    shop.observer = progress?.observer
    progress?.start()
    let clock = ContinuousClock()
    var times: [Duration] = []
    let seed = shop.seed
    for run in 0..<runs {
        shop.seed = seed.map { $0 &+ UInt64(run) }   // each run its own variation, repeatably
        let start = clock.now
        try await shop.work(runs: 1)
        times.append(clock.now - start)
    }
    await progress?.finish()
    for (run, time) in times.enumerated() {
        print(Report.run(run + 1, took: time))
    }
    print(Report.mean(of: times))
}

func chart(_ sweep: Sweep, to path: String, progress: ProgressLine?) async throws {
    // Opened first, so that a path that cannot be written fails before the sweep, not after.
    guard let file = fopen(path, "w") else {
        CakeOptions.exit(withError: CannotWrite(path: path, reason: String(cString: strerror(errno))))
    }
    var sweep = sweep
    sweep.shop.observer = progress?.observer
    progress?.start()
    let points = try await sweep.run()
    await progress?.finish()
    for point in points {
        print(Report.point(point))
    }
    fputs(sweep.chart(points), file)
    if fclose(file) != 0 {
        CakeOptions.exit(withError: CannotWrite(path: path, reason: String(cString: strerror(errno))))
    }
    print("wrote \(path)")
}

struct CannotWrite: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write \(path): \(reason)" }
}

Stdout.useLineBuffering()
let options = CakeOptions.parseOrExit()
let showsProgress = options.progress ?? (isatty(2) == 1 && !options.verbose)
let (shop, sweep, runs, svg) = (options.shop, options.sweep, options.runs, options.svg)
await runMain { [shop, sweep, runs, svg, showsProgress] in
    if let svg {
        try await chart(sweep, to: svg, progress: showsProgress ? ProgressLine(total: sweep.totalCakes) : nil)
    } else {
        try await simulate(shop, runs: runs, progress: showsProgress ? ProgressLine(total: shop.cakes * runs) : nil)
    }
}
