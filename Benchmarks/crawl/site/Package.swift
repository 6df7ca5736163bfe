// swift-tools-version: 6.1
// The crawl benchmark's web site on SwiftNIO: the same pages as `../server.go`, answered after
// the same latency, but with NIO's timers (timerfd, to the microsecond) instead of Go's, whose
// sleeps end up to a millisecond late while the server's threads idle in the network poller.
// `../compare --server nio` builds and runs it. Its own package, so that nothing else builds NIO
// for it.
import PackageDescription

let package = Package(
    name: "crawl-site",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "CrawlSite",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
