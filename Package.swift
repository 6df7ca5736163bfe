// swift-tools-version: 6.1
// Swift 6 language mode (the default for tools 6.x) gives complete strict concurrency checking.
import PackageDescription

let package = Package(
    name: "swift-channels",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Channels", targets: ["Channels"]),
        .executable(name: "channels-demo", targets: ["ChannelsDemo"]),
        // The book's programs (gopl.io/ch8), each named as in the book.
        .executable(name: "spinner", targets: ["spinner"]),
        .executable(name: "pipeline1", targets: ["pipeline1"]),
        .executable(name: "pipeline2", targets: ["pipeline2"]),
        .executable(name: "pipeline3", targets: ["pipeline3"]),
        .executable(name: "countdown1", targets: ["countdown1"]),
        .executable(name: "countdown2", targets: ["countdown2"]),
        .executable(name: "countdown3", targets: ["countdown3"]),
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
        .executableTarget(name: "ChannelsDemo", dependencies: ["Channels"], path: "Examples/ChannelsDemo"),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels"]),

        // Support shared by the book's programs: Go's log format, a stdin watcher, stdout
        // buffered by lines as Go's unbuffered os.Stdout appears to a reader.
        .target(name: "ExampleSupport", dependencies: ["Channels"]),
        .executableTarget(name: "spinner", dependencies: ["Channels", "ExampleSupport"], path: "Examples/spinner"),
        .executableTarget(name: "pipeline1", dependencies: ["Channels", "ExampleSupport"], path: "Examples/pipeline1"),
        .executableTarget(name: "pipeline2", dependencies: ["Channels", "ExampleSupport"], path: "Examples/pipeline2"),
        .executableTarget(name: "pipeline3", dependencies: ["Channels", "ExampleSupport"], path: "Examples/pipeline3"),
        .executableTarget(name: "countdown1", dependencies: ["Channels", "ExampleSupport"], path: "Examples/countdown1"),
        .executableTarget(name: "countdown2", dependencies: ["Channels", "ExampleSupport"], path: "Examples/countdown2"),
        .executableTarget(name: "countdown3", dependencies: ["Channels", "ExampleSupport"], path: "Examples/countdown3"),
        // Runs the built programs as child processes, found beside the test bundle in the
        // build products directory, where `swift build --build-tests` and `swift test` put
        // every product. It does not depend on them: SwiftPM allows that only to import an
        // executable's module, and would link all seven programs' code into the test bundle.
        .testTarget(name: "ExamplesTests", dependencies: ["Channels", "ExampleSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
