#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's link extractor, for the crawlers: the book's `links` package.
///
/// `CRAWL_TIMEOUT`, in seconds (`2`, `0.5`), sets how long a page may take; 30 by default.
public enum Links {
    /// One link extractor (its HTTP clients, one per event loop) for the whole process, created
    /// on first use.
    public static let shared = LinkExtractor(timeout: timeout(fromSetting: getenv("CRAWL_TIMEOUT").map { String(cString: $0) }))

    /// Runs goroutines on the event loops of the HTTP clients, where a page's response arrives
    /// (see `EventLoopGoroutines`): `go(executor: Links.goroutines) { }`. For goroutines that
    /// wait on the network and on channels, never for long computations or blocking calls.
    public static let goroutines: any TaskExecutor = EventLoopGoroutines(group: LinkExtractor.eventLoops)

    /// Go: `links.Extract(url)`.
    public static func extract(_ url: String) async throws -> [String] {
        try await shared.extract(url)
    }

    /// The timeout that a `CRAWL_TIMEOUT` of `text` asks for, or the default when it is unset or
    /// not a positive number of seconds.
    static func timeout(fromSetting text: String?) -> Duration {
        guard let text, let seconds = Double(text), seconds > 0, seconds.isFinite else {
            return LinkExtractor.defaultTimeout
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
