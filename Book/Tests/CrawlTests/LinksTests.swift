import Channels
@testable import Links
import Testing

/// `LinkExtractor.extract`, the book's `links.Extract`, against the local site.
@Suite(.timeLimit(.minutes(1))) struct LinksTests {
    @Test func findsTheLinksOfAPageInOrderResolvedAsGoDoes() async throws {
        // Given the site
        let server = try await TestServer.start(Site.answers())
        // When the home page's links are extracted
        let links = try await withExtractor(timeout: .seconds(10)) { try await $0.extract(server.base + "/") }
        try await server.stop()
        // Then they are its <a href>s in document order, resolved, entities decoded, those in
        // a comment or a script and those Go cannot parse left out
        let b = server.base
        #expect(links == [
            "\(b)/a.html", "\(b)/b.html", "\(b)/c.html", "\(b)/d.html", "\(b)/a.html#top", "\(b)/q?x=1&y=2",
            "\(b)/dir", "\(b)/missing.html", "\(b)/error.html", "\(b)/image.png", "\(b)/broken.html",
            "\(b)/slow.html", "mailto:someone@example.com",
        ])
    }

    @Test func resolvesAgainstTheURLARedirectLeadsTo() async throws {
        let server = try await TestServer.start(Site.answers())
        // /dir answers 301 with the relative Location `dir/`
        let links = try await withExtractor(timeout: .seconds(10)) { try await $0.extract(server.base + "/dir") }
        try await server.stop()
        #expect(links == [server.base + "/dir/e.html", server.base + "/f.html", server.base + "/g.html"])
        #expect(server.counts.requests == ["/dir", "/dir/"])
    }

    @Test func reportsErrorsInTheOriginalsWords() async throws {
        let server = try await TestServer.start(Site.answers())
        // Long enough for the short pages on a machine loaded by the whole suite (a fetch that
        // has to wait seconds for a thread would time out); the never-answering page takes it all.
        let b = server.base
        let cases: [(String, LinksError.Kind, String)] = [
            ("\(b)/missing.html", .status, "getting \(b)/missing.html: 404 Not Found"),
            ("\(b)/error.html", .status, "getting \(b)/error.html: 500 Internal Server Error"),
            ("\(b)/image.png", .parsing, "parsing \(b)/image.png as HTML: content type \"image/png\" is not HTML"),
            ("\(b)/broken.html", .parsing, "parsing \(b)/broken.html as HTML: unexpected EOF"),
            ("\(b)/slow.html", .request,
             "Get \"\(b)/slow.html\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"),
            ("mailto:someone@example.com", .request, "Get \"mailto:someone@example.com\": unsupported protocol scheme \"mailto\""),
            ("nourl", .request, "Get \"nourl\": unsupported protocol scheme \"\""),
            ("http://[::1", .badURL, "parse \"http://[::1\": missing ']' in host"),
            ("http:///path", .request, "Get \"http:///path\": http: no Host in request URL"),
            ("\(b)/loop", .request, "Get \"/loop\": stopped after 10 redirects"),
            ("\(b)/bad-location", .request,
             "Get \"\(b)/bad-location\": failed to parse Location header \"http://[::1\": parse \"http://[::1\": missing ']' in host"),
            ("\(b)/no-location", .status, "getting \(b)/no-location: 302 Found"),
            ("http://127.0.0.1:1/", .request, "Get \"http://127.0.0.1:1/\": dial tcp 127.0.0.1:1: connect: connection refused"),
        ]
        try await withExtractor(timeout: .seconds(10)) { extractor in
            for (url, kind, message) in cases {
                await #expect(throws: LinksError.self, "\(url)") {
                    do {
                        _ = try await extractor.extract(url)
                    } catch let error as LinksError {
                        #expect(error.kind == kind, "\(url)")
                        #expect(Site.normalized([error.description], b) == [message])
                        throw error
                    }
                }
            }
        }
        // The page that timed out was abandoned: its connection is closed.
        try await server.wait(for: "no request in flight") { $0.inFlight == 0 }
        try await server.stop()
    }

    @Test func cancellingTheTaskAbandonsTheRequest() async throws {
        // Given a request for a page that never answers
        let server = try await TestServer.start(Site.answers())
        let url = server.base + "/slow.html"
        try await withExtractor(timeout: .seconds(600)) { extractor in
            let request = Task { try await extractor.extract(url) }
            try await server.wait(for: "the request") { $0.inFlight == 1 }
            // When its task is cancelled
            request.cancel()
            // Then it ends at once with CancellationError, and the server sees the request end
            // and its connection close
            await #expect(throws: CancellationError.self) { try await request.value }
            try await server.wait(for: "the connection closed") { $0.inFlight == 0 && $0.openConnections == 0 }
        }
        try await server.stop()
    }

    @Test func aPageThatNeverAnswersFailsAtItsDeadlineAndIsAbandoned() async throws {
        // Given a page timeout, and pages fetched before. (Short for a test, and long enough for
        // the pages that do answer on a machine loaded by the whole suite: at 300 ms, a fetch
        // under load timed out.)
        let server = try await TestServer.start(Site.answers())
        let timeout = Duration.seconds(2)
        try await withExtractor(timeout: timeout) { extractor in
            _ = try await extractor.extract(server.base + "/a.html")
            _ = try await extractor.extract(server.base + "/b.html")
            #expect(extractor.deadlines.watchedCount == 0)   // the finished ones are not watched
            // When a page never answers
            let url = server.base + "/slow.html"
            let clock = ContinuousClock()
            let started = clock.now
            let request = Task { try await extractor.extract(url) }
            // (Whether it is still watched once the server has it is a race: the request can
            // reach the server before `extract` records it, and on a loaded machine the deadline
            // can pass before this test looks. Only the ends are certain.)
            try await server.wait(for: "the request") { $0.inFlight == 1 }
            // Then it fails with Go's words once its deadline passes, not before, and its
            // connection is closed
            await #expect(throws: LinksError.self) {
                do {
                    _ = try await request.value
                } catch let error as LinksError {
                    #expect(error.description == "Get \"\(url)\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
                    throw error
                }
            }
            #expect(clock.now - started >= timeout)
            #expect(extractor.deadlines.watchedCount == 0)
            try await server.wait(for: "the connection closed") { $0.inFlight == 0 }
        }
        try await server.stop()
    }

    @Test func takesForHTMLOnlyAnHTMLMediaTypeOrNone() {
        let html: [String?] = [nil, "", " ", "; charset=utf-8", "text/html", "TEXT/HTML", "Text/Html; charset=UTF-8",
                               " \ttext/html\t ;q=1", "application/xhtml+xml", "Application/XHTML+XML;charset=utf-8"]
        for type in html { #expect(isHTML(type), "\(type ?? "none")") }
        let other = ["image/png", "text/plain", "text/htm", "text/htmlx", "text/ html", "xtext/html",
                     "application/xhtml", "application/json; text/html", "text/html5"]
        for type in other { #expect(!isHTML(type), "\(type)") }
    }

    @Test func readsTheTimeoutSettingInSecondsWithADefault() {
        #expect(Links.timeout(fromSetting: "2") == .seconds(2))
        #expect(Links.timeout(fromSetting: "0.25") == .milliseconds(250))
        for unusable in [nil, "", "0", "-1", "soon", "inf"] {
            #expect(Links.timeout(fromSetting: unusable) == .seconds(30), "\(unusable ?? "unset")")
        }
    }

    @Test func findsNoLinksInAnEmptyOrBrokenDocument() {
        #expect(anchorHrefs(inHTML: []) == [])
        #expect(anchorHrefs(inHTML: Array("<a href='x'".utf8)) != nil)
        // Nested deeper than a recursive walk of a goroutine's stack would like (libxml2 itself
        // stops nesting at 256)
        let nested = String(repeating: "<div>", count: 250) + "<a href=deep>"
        #expect(anchorHrefs(inHTML: Array(nested.utf8)) == [Array("deep".utf8)])
    }

    @Test func readsOnlyTheHrefsOfAnchorElementsAsAParserWould() {
        let page = """
            <!DOCTYPE html><HTML><BODY>
            <A HREF="/upper">one</A> <a href=unquoted>two</a>
            <a name="no-link">anchor without href</a>
            <a href="/q?a=1&amp;b=2#frag" hreflang="en">three</a>
            <abbr href="/not-an-anchor">abbr</abbr> <area href="/area"> <link href="/style.css">
            <!-- <a href="/in-comment">hidden</a> -->
            <script>document.write('<a href="/in-script">x</a>')</script>
            <p><a href>empty</a><a hReF='/mixed'>case</a>
            <a href="/first" href="/again">a repeated attribute</a>
            <div><a href="/nested/one"><span><a href="/nested/two">auto-closed</a></span></a></div>
            """
        let hrefs = anchorHrefs(inHTML: Array(page.utf8))?.map { String(decoding: $0, as: UTF8.self) }
        #expect(hrefs == ["/upper", "unquoted", "/q?a=1&b=2#frag", "", "/mixed", "/first", "/nested/one", "/nested/two"])
    }

    @Test func aThreadsParserReadsEachPageAfreshAfterABrokenOne() {
        // One thread, one reused parser context: a page that leaves the parser inside a comment,
        // a script or deep nesting must not change how the next page reads.
        let next = "<html><body><a href='/after'>after</a><p><A HREF=/upper>x</A></body></html>"
        for broken in ["<!-- <a href='/never'>", "<script>var a = '<a href=/never>'", String(repeating: "<div>", count: 300),
                       "<a href='/unclosed", "\u{0}\u{FF}<\u{FE}a href=/garbage>"] {
            _ = anchorHrefs(inHTML: Array(broken.utf8))
            #expect(anchorHrefs(inHTML: Array(next.utf8)) == [Array("/after".utf8), Array("/upper".utf8)], "after \(broken.prefix(20))")
        }
    }

    @Test func aThreadsParserForgetsNamesOncePagesHaveInventedTooMany() {
        // The context keeps the element and attribute names it has read: a page that invents
        // thousands of them retires it, and the next page gets a new one.
        _ = anchorHrefs(inHTML: Array("<p><a href=/a>a</a>".utf8))
        let ordinary = parserContextNameCount()
        #expect(ordinary != nil && ordinary! < 100)
        let inventive = (0..<5000).map { "<x\($0) y\($0)=1>" }.joined() + "<a href=/found>"
        #expect(anchorHrefs(inHTML: Array(inventive.utf8)) == [Array("/found".utf8)])
        #expect(parserContextNameCount() == nil)
        #expect(anchorHrefs(inHTML: Array("<a href=/again>".utf8)) == [Array("/again".utf8)])
        #expect(parserContextNameCount().map { $0 < 100 } == true)
    }

    @Test func findsTheLinksOfManyPagesParsedAtOnce() async {
        // Each thread has its own parser context: pages parsed on several threads at once must
        // not see each other's links.
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let page = (0..<50).map { "<p><a href='/\(index)/\($0)'>\($0)</a>" }.joined()
                    let expected = (0..<50).map { Array("/\(index)/\($0)".utf8) }
                    return anchorHrefs(inHTML: Array(page.utf8)) == expected
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 200 && results.allSatisfy { $0 })
    }
}
