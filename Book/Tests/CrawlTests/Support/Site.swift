import NIOHTTP1

/// The local web site the crawlers are tested on, and what crawling it must print.
enum Site {
    /// Every page. `/` links to each case once; `/chain/…` and `/fan/…`, `/hang/…` are apart,
    /// for the depth, concurrency and cancellation tests.
    static func answers(slowPage: Bool = true) -> [String: Answer] {
        var answers: [String: Answer] = [
            "/": .page(body: """
                <!DOCTYPE html>
                <html><head><title>Home</title></head><body>
                <p><a href="a.html">relative</a>
                <p><a href="/b.html">absolute path</a>
                <p><a href="{{base}}/c.html">absolute URL</a>
                <P><A HREF=d.html>upper case, unquoted</A>
                <p><a href="a.html#top">a fragment makes another URL</a>
                <p><a href="q?x=1&amp;y=2">an entity in the query</a>
                <p><a href="/dir">redirects to dir/</a>
                <p><a href="missing.html">404</a> <a href="error.html">500</a>
                <p><a href="image.png">not HTML</a> <a href="broken.html">cut short</a>
                \(slowPage ? "<p><a href=\"slow.html\">never answers</a>" : "")
                <p><a href="mailto:someone@example.com">mail</a>
                <p><a href="http://[::1">bad host</a> <a href="100%">bad escape</a> <a>no href</a>
                <!-- <a href="comment.html">in a comment</a> -->
                <script>document.write('<a href="script.html">in a script</a>');</script>
                </body></html>
                """),
            "/a.html": .page(body: #"<a href="/">home</a> <a href="./b.html">b</a>"#),
            "/b.html": .page(body: "<a href='a.html'>a</a>"),
            "/c.html": .page(body: "<p>No links here."),
            "/d.html": .page(body: "<ul><li><a href=dir/e.html>e</a></ul>"),
            "/q?x=1&y=2": .page(body: #"<a href="c.html">c</a>"#),
            "/dir": .page(status: .movedPermanently, headers: [("Location", "dir/")], body: ""),
            "/dir/": .page(body: #"<a href="e.html">e</a> <a href="../f.html">up</a> <a href="../../g.html">above the root</a>"#),
            "/dir/e.html": .page(body: #"<a href="../">up</a>"#),
            "/f.html": .page(body: "f"),
            "/g.html": .page(body: "g"),
            "/error.html": .page(status: .internalServerError, contentType: "text/plain", body: "oops"),
            "/image.png": .page(contentType: "image/png", body: "\u{89}PNG"),
            "/broken.html": .truncated(body: #"<a href="never-read.html">"#),
            "/comment.html": .page(body: "must not be crawled"),
            "/script.html": .page(body: "must not be crawled"),
        ]
        if slowPage { answers["/slow.html"] = .never }
        // Redirects that go wrong, for the error texts.
        answers["/loop"] = .page(status: .found, headers: [("Location", "/loop")], body: "")
        answers["/bad-location"] = .page(status: .found, headers: [("Location", "http://[::1")], body: "")
        answers["/no-location"] = .page(status: .found, body: "")
        // A chain for -depth: /chain/0 → /chain/1 → … → /chain/5.
        for index in 0...5 {
            answers["/chain/\(index)"] = .page(body: index < 5 ? "<a href=\"\(index + 1)\">next</a>" : "end")
        }
        // A page with 60 slow links, for the limit of 20 requests at once.
        answers["/fan/"] = .page(body: (0..<60).map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: "\n"))
        for index in 0..<60 {
            answers["/fan/\(index)"] = .page(body: "leaf", delay: .milliseconds(200))
        }
        // A page with 30 links that never answer, for -cancel.
        answers["/hang/"] = .page(body: (0..<30).map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: "\n"))
        for index in 0..<30 { answers["/hang/\(index)"] = .never }
        return answers
    }

    /// The URLs that crawling from `base/` prints, once each.
    static func crawledURLs(_ base: String, slowPage: Bool = true) -> Set<String> {
        var urls = Set(["/", "/a.html", "/b.html", "/c.html", "/d.html", "/a.html#top", "/q?x=1&y=2", "/dir",
                        "/missing.html", "/error.html", "/image.png", "/broken.html",
                        "/dir/e.html", "/f.html", "/g.html"].map { base + $0 })
        urls.insert("mailto:someone@example.com")
        if slowPage { urls.insert(base + "/slow.html") }
        return urls
    }

    /// `messages` with the one line that may legitimately vary put in its usual form.
    ///
    /// A body cut short by the server closing the connection is usually reported at once
    /// (`unexpected EOF`, Go's words), but under load AsyncHTTPClient (1.37) sometimes does not
    /// notice the close and the page runs into the timeout instead: about one run of the whole
    /// suite in four here, the page still giving one error line and the crawl going on. Both
    /// forms are accepted, as the same line.
    static func normalized(_ messages: [String], _ base: String) -> [String] {
        let timedOut = "parsing \(base)/broken.html as HTML: "
            + "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
        return messages.map { $0 == timedOut ? "parsing \(base)/broken.html as HTML: unexpected EOF" : $0 }
    }

    /// The error lines that crawling from `base/` logs, without their date and time.
    static func errorMessages(_ base: String, slowPage: Bool = true) -> Set<String> {
        var messages: Set<String> = [
            "getting \(base)/missing.html: 404 Not Found",
            "getting \(base)/error.html: 500 Internal Server Error",
            "parsing \(base)/image.png as HTML: content type \"image/png\" is not HTML",
            "parsing \(base)/broken.html as HTML: unexpected EOF",
            "Get \"mailto:someone@example.com\": unsupported protocol scheme \"mailto\"",
        ]
        if slowPage {
            messages.insert("Get \"\(base)/slow.html\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
        }
        return messages
    }
}
