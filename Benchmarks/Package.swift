// swift-tools-version: 6.1
// The benchmark suite: its own package, so that the library's `swift build` and `swift test`
// never build package-benchmark or swift-async-algorithms. Swift 6 language mode (the default
// for tools 6.x) gives complete strict concurrency checking here too.
import PackageDescription

let package = Package(
    name: "channels-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder's name, which differs
        // between clones.
        .package(name: "swift-channels", path: ".."),
        // package-benchmark, under the name its plugin asks for (the old identifier
        // `package-benchmark` makes every run print a deprecation warning). The MallocInterposer
        // trait gives the malloc counters (mallocCountTotal etc.) on Swift 6.3; naming only that
        // trait also leaves out the ARC runtime interposer, which the suite does not use.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // AsyncChannel: the peer a Swift user would otherwise pick for a rendezvous channel.
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
    ],
    targets: [
        // Time and allocations per operation of every workload, with the Swift peers as extra rows.
        .executableTarget(
            name: "Workloads",
            dependencies: [
                .product(name: "Channels", package: "swift-channels"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Benchmarks/Workloads",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // What runMain's deadlock detector costs, run with it off and on in turn (see its
        // main.swift); a plain program, since the harness runs outside runMain.
        .executableTarget(
            name: "DetectorCost",
            dependencies: [.product(name: "Channels", package: "swift-channels")],
            path: "Benchmarks/DetectorCost"
        ),
        // Resident memory per blocked goroutine; its own process, away from the timing runs.
        .executableTarget(
            name: "Memory",
            dependencies: [
                .product(name: "Channels", package: "swift-channels"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Memory",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
