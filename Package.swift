// swift-tools-version: 6.2
// The Channels library, its tests and its demo. Its one dependency is swift-collections, so an app
// that depends on this package resolves nothing else. The book's programs (Book/) and the
// benchmarks (Benchmarks/) are packages of their own that depend on this one by path.
// Swift 6 language mode (the default for tools 6.x) gives complete strict concurrency checking.
import PackageDescription

let package = Package(
    name: "swift-channels",
    // The first releases with SE-0417's task executors (`TaskExecutor`,
    // `Task.detached(executorPreference:)`, `UnownedJob.runSynchronously(on:)`), which
    // goroutines run on, and with the Synchronization module's `Atomic`. Linux needs no entry.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Channels", targets: ["Channels"]),
        .executable(name: "channels-demo", targets: ["ChannelsDemo"]),
    ],
    dependencies: [
        // DequeModule backs the waiter queues and the element ring buffer: one allocation per
        // channel, none per element.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .target(
            name: "Channels",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")]
        ),
        .executableTarget(name: "ChannelsDemo", dependencies: ["Channels"]),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels"]),
    ],
    swiftLanguageModes: [.v6]
)
