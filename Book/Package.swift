// swift-tools-version: 6.2
// The book's programs (gopl.io/ch8), each an executable named as in the book, with the libraries
// they stand on (sockets on SwiftNIO, HTTP, HTML, image codecs) and their tests. A package of its
// own, so that an app depending on Channels never resolves any of this: it depends on the
// library's package, the repository's root, by path.
// Swift 6 language mode (the default for tools 6.x) gives complete strict concurrency checking.
import PackageDescription

/// The library, from the root package. Named, because a path dependency is otherwise known by its
/// folder's name, which differs between clones.
let channels: Target.Dependency = .product(name: "Channels", package: "swift-channels")

let package = Package(
    name: "swift-channels-book",
    platforms: [.macOS(.v15)],
    products: [
        // The book's programs (gopl.io/ch8), each named as in the book.
        .executable(name: "spinner", targets: ["spinner"]),
        .executable(name: "pipeline1", targets: ["pipeline1"]),
        .executable(name: "pipeline2", targets: ["pipeline2"]),
        .executable(name: "pipeline3", targets: ["pipeline3"]),
        .executable(name: "countdown1", targets: ["countdown1"]),
        .executable(name: "countdown2", targets: ["countdown2"]),
        .executable(name: "countdown3", targets: ["countdown3"]),
        .executable(name: "du1", targets: ["du1"]),
        .executable(name: "du2", targets: ["du2"]),
        .executable(name: "du3", targets: ["du3"]),
        .executable(name: "du4", targets: ["du4"]),
        .executable(name: "cake", targets: ["CakeCommand"]),
        .executable(name: "thumbnail", targets: ["ThumbnailCommand"]),
        // The network programs, on the ChannelsNet layer.
        .library(name: "ChannelsNet", targets: ["ChannelsNet"]),
        .executable(name: "clock1", targets: ["clock1"]),
        .executable(name: "clock2", targets: ["clock2"]),
        .executable(name: "netcat1", targets: ["netcat1"]),
        .executable(name: "netcat2", targets: ["netcat2"]),
        .executable(name: "netcat3", targets: ["netcat3"]),
        .executable(name: "reverb1", targets: ["reverb1"]),
        .executable(name: "reverb2", targets: ["reverb2"]),
        .executable(name: "chat", targets: ["chat"]),
        // The web crawlers, on the Links library (AsyncHTTPClient and libxml2).
        .executable(name: "crawl1", targets: ["crawl1"]),
        .executable(name: "crawl2", targets: ["crawl2"]),
        .executable(name: "crawl3", targets: ["crawl3"]),
    ],
    dependencies: [
        .package(name: "swift-channels", path: ".."),
        // Only the `cake` program's command line uses it.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // ChannelsNet's sockets: NIOAsyncChannel gives listen, accept, dial, reads with
        // backpressure and half-close without hand-written socket code; the crawler tests' local
        // web site is a NIOHTTP1 server. Never a dependency of Channels itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        // The crawlers' HTTP client: follows redirects (relative ones too) and reports the final
        // URL, where URLSession on Linux loops forever on a relative redirect to `dir/`.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
    ],
    targets: [
        // Support shared by the book's programs: Go's log format, a stdin watcher, stdout
        // buffered by lines as Go's unbuffered os.Stdout appears to a reader.
        .target(name: "ExampleSupport", dependencies: [channels]),
        .executableTarget(name: "spinner", dependencies: [channels, "ExampleSupport"], path: "Programs/spinner"),
        .executableTarget(name: "pipeline1", dependencies: [channels, "ExampleSupport"], path: "Programs/pipeline1"),
        .executableTarget(name: "pipeline2", dependencies: [channels, "ExampleSupport"], path: "Programs/pipeline2"),
        .executableTarget(name: "pipeline3", dependencies: [channels, "ExampleSupport"], path: "Programs/pipeline3"),
        .executableTarget(name: "countdown1", dependencies: [channels, "ExampleSupport"], path: "Programs/countdown1"),
        .executableTarget(name: "countdown2", dependencies: [channels, "ExampleSupport"], path: "Programs/countdown2"),
        .executableTarget(name: "countdown3", dependencies: [channels, "ExampleSupport"], path: "Programs/countdown3"),
        // The du programs' directory walking: Go's os.Open, Readdir and ioutil.ReadDir on
        // openat, getdents64 and fstatat; paths as bytes; Go's error texts.
        .target(name: "DiskUsage"),
        .executableTarget(name: "du1", dependencies: [channels, "ExampleSupport", "DiskUsage"], path: "Programs/du1"),
        .executableTarget(name: "du2", dependencies: [channels, "ExampleSupport", "DiskUsage"], path: "Programs/du2"),
        .executableTarget(name: "du3", dependencies: [channels, "ExampleSupport", "DiskUsage"], path: "Programs/du3"),
        .executableTarget(name: "du4", dependencies: [channels, "ExampleSupport", "DiskUsage"], path: "Programs/du4"),
        .testTarget(name: "DiskUsageTests", dependencies: ["DiskUsage", "ExampleSupport"]),
        // Runs the built programs as child processes, found beside the test bundle in the
        // build products directory, where `swift build --build-tests` and `swift test` put
        // every product. It does not depend on them: SwiftPM allows that only to import an
        // executable's module, and would link all seven programs' code into the test bundle.
        .testTarget(name: "ExamplesTests", dependencies: [channels, "ExampleSupport", "ProgramTesting"]),
        // What every test of a built program needs: spawning it (posix_spawn, pipes read on
        // threads of their own), finding it beside the test bundle, and building the Go originals.
        .target(name: "ProgramTesting", dependencies: [channels], path: "Tests/ProgramTesting"),

        // gopl.io/ch8/cake: the Shop simulation as a library (the original is a package with
        // benchmarks, not a program), and the `cake` command that runs it, times it and charts
        // it. The command's target is not named `cake`: a module name differing from `Cake` only
        // in case would share its build directories on a case-insensitive file system.
        .target(name: "Cake", dependencies: [channels]),
        .executableTarget(
            name: "CakeCommand",
            dependencies: ["Cake", channels, "ExampleSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Programs/cake"
        ),
        // Runs the built `cake` as a child process too, found beside the test bundle as the
        // ExamplesTests find theirs.
        .testTarget(name: "CakeTests", dependencies: ["Cake", channels, "ProgramTesting"]),

        // gopl.io/ch8/thumbnail: ImageFile and the book's makeThumbnails functions as a library,
        // and the `thumbnail` command (its target named apart from `Thumbnail`, as cake's is).
        // The codecs are the system's C libraries, found through pkg-config, kept out of Channels.
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        // DiskUsage only for Go's error texts (`open a.jpg: no such file or directory`).
        .target(name: "Thumbnail", dependencies: [channels, "ExampleSupport", "DiskUsage", "CTurboJPEG", "CPNG"]),
        .executableTarget(
            name: "ThumbnailCommand",
            dependencies: [channels, "ExampleSupport", "Thumbnail"],
            path: "Programs/thumbnail"
        ),
        // The codecs too: the tests make their own images. The built `thumbnail` runs as a child
        // process, found beside the test bundle as the other programs are.
        .testTarget(name: "ThumbnailTests", dependencies: ["Thumbnail", channels, "ProgramTesting", "CTurboJPEG", "CPNG"]),
        // Go's net package, the little the book's servers and clients use: Listen, Accept, Dial,
        // a Conn read by lines or chunks, written, half-closed and closed, with Go's error texts.
        .target(
            name: "ChannelsNet",
            dependencies: [channels,
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           // NIOLockedValueBox: a pthread lock, which ThreadSanitizer sees
                           // (Synchronization.Mutex parks on futexes it does not).
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        // gopl.io/ch8's network programs, each one short file on ChannelsNet and ExampleSupport.
        .executableTarget(name: "clock1", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/clock1"),
        .executableTarget(name: "clock2", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/clock2"),
        .executableTarget(name: "netcat1", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/netcat1"),
        .executableTarget(name: "netcat2", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/netcat2"),
        .executableTarget(name: "netcat3", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/netcat3"),
        .executableTarget(name: "reverb1", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/reverb1"),
        .executableTarget(name: "reverb2", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/reverb2"),
        .executableTarget(name: "chat", dependencies: [channels, "ChannelsNet", "ExampleSupport"], path: "Programs/chat"),
        // ChannelsNet on real loopback sockets, and the network programs run as child processes
        // (found beside the test bundle, as ExamplesTests finds its programs).
        // NIOCore only for ByteBuffer, to feed GoLineDecoder directly.
        .testTarget(name: "NetTests", dependencies: ["ChannelsNet", channels, "ProgramTesting",
                                                     .product(name: "NIOCore", package: "swift-nio")]),
        // gopl.io/ch5/links: libxml2's HTML parser, reached through a system-library target
        // because FoundationXML cannot parse HTML on Linux (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // links.Extract: fetch a page, parse it, resolve its <a href> as Go's net/url does.
        .target(
            name: "Links",
            dependencies: ["CLibXML2", "ExampleSupport",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .executableTarget(name: "crawl1", dependencies: [channels, "ExampleSupport", "Links"], path: "Programs/crawl1"),
        // crawl2 is timed against Go's, whose binary carries its runtime. Released, ours does too:
        // loading the Swift runtime and Foundation as shared libraries, and binding their
        // symbols, put 5 to 8 ms before the first request (`Benchmarks/crawl/compare`).
        // Foundation's static archive names two archives it needs that the driver leaves out,
        // and lld links it without gold's warning about its use of mktemp.
        .executableTarget(
            name: "crawl2", dependencies: [channels, "ExampleSupport", "Links"], path: "Programs/crawl2",
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-use-ld=lld"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(name: "crawl3", dependencies: [channels, "ExampleSupport", "Links"], path: "Programs/crawl3"),
        // Links directly, and the built crawlers as child processes, against a local site served
        // by a NIOHTTP1 server on loopback that counts the requests in flight.
        .testTarget(
            name: "CrawlTests",
            dependencies: ["Links", channels, "ProgramTesting",
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
