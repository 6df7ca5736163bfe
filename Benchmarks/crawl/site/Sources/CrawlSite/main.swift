// CrawlSite -pages N -latency D: serves the crawl benchmark's site on 127.0.0.1 at a free
// port, each page after D (Go's duration syntax: 20ms, 1.5s, 500us), and prints
// "listening on PORT" once it accepts connections. See Package.swift.
@preconcurrency import Glibc   // first, for `stdout` and `stderr`
import NIOCore
import NIOHTTP1
import NIOPosix

struct Options {
    var pages = 5000
    var latency = TimeAmount.milliseconds(20)
}

func parseOptions(_ arguments: [String]) -> Options? {
    var options = Options()
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        guard let value = rest.popFirst() else { return nil }
        switch flag.drop(while: { $0 == "-" }) {
        case "pages":
            guard let pages = Int(value), pages > 0 else { return nil }
            options.pages = pages
        case "latency":
            guard let latency = parseDuration(value) else { return nil }
            options.latency = latency
        default:
            return nil
        }
    }
    return options
}

/// A non-negative decimal number with one of Go's units: ns, us (or µs), ms, s.
func parseDuration(_ text: String) -> TimeAmount? {
    let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
    for (unit, nanoseconds) in units where text.hasSuffix(unit) {
        guard let number = Double(text.dropLast(unit.count)), number >= 0, number.isFinite else { return nil }
        return .nanoseconds(Int64((number * nanoseconds).rounded()))
    }
    return nil
}

guard let options = parseOptions(Array(CommandLine.arguments.dropFirst())) else {
    fputs("usage: CrawlSite [-pages N] [-latency DURATION]\n", stderr)
    exit(2)
}
let site = Site(pages: options.pages)
let stats = Stats()
// A thread per core, as Go's server has a processor per core.
let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let server = try await ServerBootstrap(group: group)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .serverChannelOption(.backlog, value: 1024)
    .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline()
            try channel.pipeline.syncOperations.addHandler(PageHandler(site: site, stats: stats, latency: options.latency))
        }
    }
    .bind(host: "127.0.0.1", port: 0)
    .get()
print("listening on \(server.localAddress?.port ?? 0)")
fflush(stdout)   // compare reads this line through a pipe, where stdout is fully buffered
try await server.closeFuture.get()
