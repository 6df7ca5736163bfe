import Channels
import ProgramTesting
import Testing

/// The built crawl1, crawl2 and crawl3, run as child processes against the local site.
@Suite(.timeLimit(.minutes(2))) struct CrawlerProgramTests {
    @Test func crawl2PrintsEachURLOnceLogsEachErrorAndEnds() async throws {
        // Given the site, with a page that never answers and a ten-second page timeout
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", [server.base + "/"])
        defer { crawler.finish() }
        // When crawl2 crawls it
        async let errors = crawler.stderr.readAll(within: .seconds(60))
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        let status = try await crawler.exitStatus(within: .seconds(60))
        let messages = Site.normalized(logMessages(try await errors), server.base)
        try await server.stop()
        // Then it ends on its own once the worklist is drained, having printed every URL once,
        // logged every error in Go's format, and followed no link in a comment or a script
        #expect(status == .exited(0))
        #expect(duplicates(output) == [])
        #expect(Set(output) == Site.crawledURLs(server.base))
        #expect(duplicates(messages) == [])
        #expect(Set(messages) == Site.errorMessages(server.base))
        let requested = server.counts.requests
        #expect(!requested.contains("/comment.html") && !requested.contains("/script.html"))
        #expect(!requested.contains("/never-read.html"))
    }

    @Test(arguments: ["crawl1", "crawl3"])
    func crawlerThatNeverEndsPrintsEachURLOnce(_ name: String) async throws {
        // Given the site and a crawler started on it
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler(name, [server.base + "/"])
        defer { crawler.finish() }
        // When the site is exhausted: the last error is logged (the page that times out, seconds
        // after the others) and the server has nothing left in flight
        let expectedMessages = Site.errorMessages(server.base)
        let errors: [UInt8]
        do {
            errors = try await crawler.stderr.read(
                until: { Set(Site.normalized(Array(messagesSoFar($0)), server.base)).isSuperset(of: expectedMessages) },
                within: .seconds(60))
        } catch {
            // Say what did come, and what the server saw.
            let soFar = try await crawler.stderr.read(until: { _ in true }, within: .seconds(1))
            let printed = try await crawler.stdout.read(until: { _ in true }, within: .seconds(1))
            let report = "\(name) logged:\n\(String(decoding: soFar, as: UTF8.self))printed:\n"
                + "\(String(decoding: printed, as: UTF8.self))server: \(server.counts)"
            Issue.record(Comment(rawValue: report))
            throw error
        }
        try await server.wait(for: "no request in flight") { $0.inFlight == 0 }
        // Then it is still running (the original waits on its worklist for ever) and is killed
        crawler.finish()
        #expect(try await crawler.exitStatus(within: .seconds(10)) == .signalled(9))
        let output = lines(try await crawler.stdout.readAll(within: .seconds(10)))
        try await server.stop()
        // and it has printed every URL once and logged each error once
        #expect(duplicates(output) == [])
        #expect(Set(output) == Site.crawledURLs(server.base))
        let messages = Site.normalized(logMessages(errors), server.base)
        #expect(duplicates(messages) == [])
        #expect(Set(messages) == expectedMessages)
        #expect(!server.counts.requests.contains("/comment.html"))
    }

    @Test func crawl2WithDepthStopsThatManyLinksAway() async throws {
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["-depth", "2", server.base + "/chain/0"])
        defer { crawler.finish() }
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        #expect(try await crawler.exitStatus(within: .seconds(60)) == .exited(0))
        try await server.stop()
        #expect(output.sorted() == (0...2).map { server.base + "/chain/\($0)" })
        #expect(server.counts.requests == ["/chain/0", "/chain/1", "/chain/2"])
    }

    @Test func crawl2WithDepthZeroFetchesOnlyTheArguments() async throws {
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["-depth=0", server.base + "/chain/0", server.base + "/chain/3"])
        defer { crawler.finish() }
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        #expect(try await crawler.exitStatus(within: .seconds(60)) == .exited(0))
        try await server.stop()
        #expect(output.sorted() == [server.base + "/chain/0", server.base + "/chain/3"])
    }

    @Test func crawl2NeverHasMoreThan20RequestsInFlight() async throws {
        // Given 60 links whose pages each take 200 ms
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", [server.base + "/fan/"], timeout: "30")
        defer { crawler.finish() }
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        #expect(try await crawler.exitStatus(within: .seconds(60)) == .exited(0))
        try await server.stop()
        #expect(output.count == 61)
        // Then the server saw at most 20 at once, and more than one: they did run concurrently
        let most = server.counts.maxInFlight
        #expect(most <= 20)
        #expect(most >= 10)
    }

    @Test func crawl2CancelAbandonsEveryRequestInFlight() async throws {
        // Given crawl2 -cancel with 20 requests in flight to pages that never answer (and a
        // page timeout far beyond the test's), 10 more crawls waiting for a token
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["-cancel", server.base + "/hang/"], input: .pipe, timeout: "600")
        defer { crawler.finish() }
        try await server.wait(for: "20 requests in flight") { $0.inFlight == 20 }
        // When a byte arrives on its standard input
        crawler.writeToStdin([UInt8(ascii: "\n")])
        // Then it ends by itself, after every request in flight was abandoned and its
        // connection closed; no request was made after the cancellation
        #expect(try await crawler.exitStatus(within: .seconds(30)) == .exited(0))
        try await server.wait(for: "every connection closed") { $0.inFlight == 0 && $0.openConnections == 0 }
        #expect(server.counts.requests.count == 21)
        let errors = try await crawler.stderr.readAll(within: .seconds(10))
        #expect(lines(errors) == [])
        try await server.stop()
    }

    @Test func crawl2CancelsOnEndOfInputToo() async throws {
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["-cancel", server.base + "/hang/"], input: .pipe, timeout: "600")
        defer { crawler.finish() }
        try await server.wait(for: "20 requests in flight") { $0.inFlight == 20 }
        crawler.closeStdin()
        #expect(try await crawler.exitStatus(within: .seconds(30)) == .exited(0))
        try await server.wait(for: "every connection closed") { $0.inFlight == 0 && $0.openConnections == 0 }
        try await server.stop()
    }

    @Test func crawl2WithoutCancelDoesNotReadStandardInput() async throws {
        // Standard input at end of file from the start: with -cancel that would end the crawl.
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["-depth", "5", server.base + "/chain/0"], input: .devNull)
        defer { crawler.finish() }
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        #expect(try await crawler.exitStatus(within: .seconds(60)) == .exited(0))
        try await server.stop()
        #expect(output.count == 6)
    }

    @Test func crawl2ReportsBadArgumentsAndGoesOn() async throws {
        let server = try await TestServer.start(Site.answers())
        let crawler = try startCrawler("crawl2", ["http://[::1", "nourl", server.base + "/c.html"])
        defer { crawler.finish() }
        async let errors = crawler.stderr.readAll(within: .seconds(60))
        let output = lines(try await crawler.stdout.readAll(within: .seconds(60)))
        #expect(try await crawler.exitStatus(within: .seconds(60)) == .exited(0))
        try await server.stop()
        #expect(Set(output) == ["http://[::1", "nourl", server.base + "/c.html"])
        #expect(Set(logMessages(try await errors)) == [
            "parse \"http://[::1\": missing ']' in host",
            "Get \"nourl\": unsupported protocol scheme \"\"",
        ])
    }

    @Test func crawl2HelpSaysWhatTheOptionsDo() async throws {
        let crawler = try startCrawler("crawl2", ["-help"])
        defer { crawler.finish() }
        let usage = String(decoding: try await crawler.stderr.readAll(within: .seconds(30)), as: UTF8.self)
        #expect(try await crawler.exitStatus(within: .seconds(30)) == .exited(0))
        #expect(usage.contains("  -cancel\n"))
        #expect(usage.contains("  -depth int\n"))
        #expect(usage.contains("(default -1)"))
        #expect(usage.contains("CRAWL_TIMEOUT"))
    }

    @Test func crawl2RejectsADepthThatIsNotANumber() async throws {
        let crawler = try startCrawler("crawl2", ["-depth", "deep", "http://127.0.0.1:1/"])
        defer { crawler.finish() }
        let errors = String(decoding: try await crawler.stderr.readAll(within: .seconds(30)), as: UTF8.self)
        #expect(try await crawler.exitStatus(within: .seconds(30)) == .exited(2))
        #expect(errors.hasPrefix("invalid value \"deep\" for flag -depth: parse error\n"))
    }
}
