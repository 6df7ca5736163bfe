import AsyncHTTPClient
import ExampleSupport
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches pages over HTTP and extracts their links: the book's `links.Extract` on
/// AsyncHTTPClient, whose connections it reuses across requests. Keep one for the process
/// (`Links.shared`); call `shutdown()` before letting one go, which a process that simply exits,
/// as crawl2 does, need not.
public final class LinkExtractor: Sendable {
    /// How long a page may take, from the request to the last byte of the body.
    public let timeout: Duration
    /// A client per event loop, each with its connections on that loop: a request made on a
    /// loop goes out, and its response comes back, on that loop's thread.
    let clients: LoopClients
    let deadlines: PageDeadlines

    /// The timeout when `CRAWL_TIMEOUT` does not set one. Go's `http.Get` has none, and a page
    /// that never answers would hold a crawler (and crawl2's end) for ever.
    public static let defaultTimeout = Duration.seconds(30)

    /// The event loop of every extractor: one thread for all the connections. The crawlers run
    /// their goroutines on it too (`Links.goroutines`). It lives as long as the process, as
    /// NIO's singleton does.
    ///
    /// One, not one per core as Go has a processor per core, because a loop cannot share its
    /// work: each connection's reads belong to its loop. Measured with crawl2 on two cores,
    /// against a server on the same machine, two loops were slower than one (5.47 s against
    /// 5.45 s, medians of ten runs). A write to a local socket wakes the server's thread onto the
    /// writer's core, so a loop is preempted about once per page; when both loops' threads waited
    /// on one core, the other core sat idle for up to a millisecond, where Go's scheduler would
    /// have moved the waiting work across. All of crawl2, 20 requests at a time, takes about a
    /// fifth of one core: a crawler waits on the network, not on this thread.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The most bytes of a page read; a longer one is an error.
    static let maximumPageSize = 32 << 20

    public init(timeout: Duration = LinkExtractor.defaultTimeout) {
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        // Redirects are followed here, resolving each Location as Go does (see `fetch`).
        configuration.redirectConfiguration = .disallow
        // A connection per request in flight: the crawlers hold up to 20 requests to one host
        // (AsyncHTTPClient's default is 8, which would queue the rest).
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A refused connection is an error at once, as in Go, not retried until the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // No distributed tracing. By default the client takes the process's tracer, a no-op one
        // unless bootstrapped, and still starts a span for every request and fills in its
        // attributes: the URL's path, query and credential-free form, each worked out anew by
        // Foundation. On crawl2 that was about 12 µs of the event loop's time per page, between
        // a page's token coming free and its request going out.
        configuration.tracing.tracer = nil
        clients = LoopClients(group: Self.eventLoops, configuration: configuration)
        deadlines = PageDeadlines(timeout: timeout, on: Self.eventLoops.next())
    }

    /// Makes an HTTP GET request for `url`, parses the response as HTML, and returns the links
    /// in the page, each resolved against the page's final URL (after redirects) as Go's
    /// `base.Parse(href)` does; hrefs that do not parse are skipped. Throws `LinksError`, or
    /// `CancellationError` when the calling task is cancelled, which abandons the request and
    /// closes its connection. Go: `links.Extract(url)`.
    public func extract(_ url: String) async throws -> [String] {
        let start: GoURL
        do {
            start = try GoURL(parsing: url)
        } catch {
            throw LinksError(.badURL, error.description)
        }
        // One deadline for the whole page, redirects and body included, as Go's Client.Timeout.
        // `PageDeadlines` enforces it on an event loop: a Swift timer (Task.sleep) per page went
        // through libdispatch's timer thread and was measured to cost crawl2 a wake-up of that
        // thread per page, and AsyncHTTPClient's own deadline a loop timer per request.
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let (base, page) = try await fetch(start, url, deadline: deadline, progress: FetchProgress())
        guard let hrefs = anchorHrefs(inHTML: page) else {
            throw LinksError.parsing(url, "libxml2 could not build a document from the page")
        }
        return hrefs.compactMap { href in
            (try? base.resolving(GoURL(parsing: href)))?.description
        }
    }

    /// Closes every connection and stops the clients and the deadline timer. Go has nothing to
    /// close; Swift's client must not be dropped with connections open. Every client is shut
    /// down even when one fails; the first failure is thrown.
    public func shutdown() async throws {
        deadlines.stop()
        try await clients.shutdown()
    }

    /// The final URL after any redirects, and its body.
    private func fetch(
        _ start: GoURL, _ given: String, deadline: NIODeadline, progress: FetchProgress
    ) async throws -> (GoURL, [UInt8]) {
        var url = start
        var redirects = 0
        while true {
            let page = try await get(url, given, deadline: deadline, progress: progress)
            let status = page.head.status
            if [301, 302, 303, 307, 308].contains(status.code),
               let location = page.head.headers.first(name: "Location"), !location.isEmpty {
                // Go's client follows at most ten redirects, each Location resolved against
                // the URL that answered with it, `dir/` as well as `/dir/` or a full URL.
                let next: GoURL
                do {
                    next = try url.resolving(location)
                } catch {
                    throw LinksError.request(url.bytes, "failed to parse Location header \(goQuoted(Array(location.utf8))): \(error)")
                }
                redirects += 1
                if redirects == 10 {
                    // Go names the Location in this one, not the URL.
                    throw LinksError.request(Array(location.utf8), "stopped after 10 redirects")
                }
                url = next
                continue
            }
            guard status.code == 200 else {
                // resp.Status: the code and the reason phrase as the server sent them.
                throw LinksError.status(given, "\(status.code) \(status.reasonPhrase)")
            }
            if let type = page.head.headers.first(name: "Content-Type"), !isHTML(type) {
                throw LinksError.parsing(given, "content type \(goQuoted(Array(type.utf8))) is not HTML")
            }
            return (url, page.body)
        }
    }

    /// One GET of `url`: the head, and the body if it is a page to parse.
    private func get(_ url: GoURL, _ given: String, deadline: NIODeadline, progress: FetchProgress) async throws -> Page {
        guard url.schemeName == "http" || url.schemeName == "https" else {
            throw LinksError.request(url.bytes, "unsupported protocol scheme \(goQuoted(url.scheme))")
        }
        guard !url.host.isEmpty else {
            throw LinksError.request(url.bytes, "http: no Host in request URL")
        }
        progress.requesting(url)
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url.withoutFragment.description, method: .GET)
        } catch {
            throw LinksError.request(url.bytes, describe(error, connectingTo: url))
        }
        let sender = clients.choose()
        sender.inFlight.add(1, ordering: .relaxed)
        defer { sender.inFlight.subtract(1, ordering: .relaxed) }
        let task = sender.client.execute(request: request, delegate: PageCollector(progress: progress, limit: Self.maximumPageSize))
        let ticket = deadlines.watch(task, until: deadline)
        defer { deadlines.forget(ticket) }
        do {
            // Cancelling the calling task cancels the request, which closes its connection.
            return try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            if let error = error as? HTTPClientError, error == .deadlineExceeded { throw progress.timeoutError(given) }
            guard progress.hasHead else { throw LinksError.request(url.bytes, describe(error, connectingTo: url)) }
            switch error {
            case let error as HTTPClientError where error == .remoteConnectionClosed:
                throw LinksError.parsing(given, "unexpected EOF")   // Go's words for a short body
            case let error as HTTPParserError where error == .invalidEOFState:
                throw LinksError.parsing(given, "unexpected EOF")   // the connection closed mid-body
            case is PageTooLarge:
                throw LinksError.parsing(given, "page larger than \(Self.maximumPageSize >> 20) MiB")
            default:
                throw LinksError.parsing(given, "\(error)")
            }
        }
    }
}

extension GoURL {
    /// What goes on the wire: a fragment stays with the client.
    var withoutFragment: GoURL {
        var url = self
        url.fragment = []
        url.rawFragment = []
        return url
    }
}
