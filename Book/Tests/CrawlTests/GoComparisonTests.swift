import Foundation
import ProgramTesting
import Testing

/// crawl2 against the Go original on the same local site, when Go, gopl.io and
/// golang.org/x/net/html are here.
@Suite(.timeLimit(.minutes(5))) struct GoComparisonTests {
    /// Where golang.org/x/net/html is: `GOPATH_LIBRARIES`, else Debian's golang-golang-x-net-dev.
    static let libraries: String? = {
        let candidates = [ProcessInfo.processInfo.environment["GOPATH_LIBRARIES"], "/usr/share/gocode"].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: "\($0)/src/golang.org/x/net/html/parse.go") }
    }()

    static var available: Bool { GoOriginals.available && libraries != nil }

    static var skipReason: Comment {
        GoOriginals.available
            ? "comparison with the Go original skipped: no golang.org/x/net/html (install golang-golang-x-net-dev, or set GOPATH_LIBRARIES)"
            : GoOriginals.skipReason
    }

    @Test(.enabled(if: available, skipReason))
    func crawl2PrintsWhatTheOriginalPrints() async throws {
        // Given the site without its never-answering page: the original has no timeout and
        // would wait for it for ever
        let server = try await TestServer.start(Site.answers(slowPage: false))
        let goBin = try await GoOriginals.build(["crawl2"], into: "gopl-crawl", libraries: [Self.libraries!])
        // When both crawl it
        let ours = try await crawl(try Programs.swift("crawl2"), server.base)
        let theirs = try await crawl(goBin + "/crawl2", server.base)
        try await server.stop()
        // Then they print the same URLs, once each
        #expect(ours.status == .exited(0) && theirs.status == .exited(0))
        #expect(duplicates(theirs.output) == [] && duplicates(ours.output) == [])
        #expect(Set(ours.output) == Set(theirs.output))
        #expect(Set(ours.output) == Site.crawledURLs(server.base, slowPage: false))
        // and log the same errors in the same format, but for one deviation: the original
        // parses an image as HTML and finds nothing, ours says it is not HTML
        let notHTML = "parsing \(server.base)/image.png as HTML: content type \"image/png\" is not HTML"
        #expect(Set(ours.messages).subtracting([notHTML]) == Set(theirs.messages))
        #expect(ours.messages.contains(notHTML))
    }

    private func crawl(_ program: String, _ base: String) async throws -> (output: [String], messages: [String], status: ExitStatus) {
        var environment = ProcessInfo.processInfo.environment
        environment["CRAWL_TIMEOUT"] = "10"
        let child = try ChildProcess(program, arguments: [base + "/"], input: .devNull, environment: environment)
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(60))
        let output = lines(try await child.stdout.readAll(within: .seconds(60)))
        let status = try await child.exitStatus(within: .seconds(60))
        return (output, Site.normalized(logMessages(try await errors), base), status)
    }
}

typealias ExitStatus = ProgramTesting.ExitStatus
