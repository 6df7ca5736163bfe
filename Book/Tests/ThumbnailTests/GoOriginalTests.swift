// Our `thumbnail` against the Go original on the same inputs, when a Go toolchain and a gopl.io
// checkout are at hand (the book's code is not part of this repository; its licence is
// non-commercial). The pixels differ by design (our filter, and the original's JPEG output
// under any name), so the comparison is of the names, the messages, the exit status and the
// thumbnails' sizes where the original's rule gives a size.
import Foundation
import ProgramTesting
import Testing

/// The original's command, built once per test run from gopl.io/ch8/thumbnail/main.go (a file
/// the package excludes with a build tag, so `GoOriginals.build` cannot name it).
enum GoThumbnail {
    static func path() async throws -> String { try await built.value }

    private static let built = Task<String, any Error> {
        guard let go = GoOriginals.toolchain, let source = GoOriginals.source else {
            throw GoUnavailable(reason: GoOriginals.skipReason.rawValue)
        }
        let scratch = Programs.swiftDirectory + "/gopl-originals-thumbnail"
        let files = FileManager.default
        try files.createDirectory(atPath: scratch + "/gopath/src", withIntermediateDirectories: true)
        try? files.removeItem(atPath: scratch + "/gopath/src/gopl.io")
        try files.createSymbolicLink(atPath: scratch + "/gopath/src/gopl.io", withDestinationPath: source)
        var environment = ProcessInfo.processInfo.environment
        environment["GOPATH"] = scratch + "/gopath"
        environment["GO111MODULE"] = "off"
        environment["GOFLAGS"] = ""
        environment["GOTOOLCHAIN"] = "local"
        if environment["GOCACHE"] == nil && environment["HOME"] == nil {
            environment["GOCACHE"] = scratch + "/gocache"
        }
        let output = scratch + "/thumbnail"
        let child = try ChildProcess(go, arguments: ["build", "-o", output, source + "/ch8/thumbnail/main.go"],
                                     input: .devNull, environment: environment)
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(300))
        _ = try await child.stdout.readAll(within: .seconds(300))
        let status = try await child.exitStatus(within: .seconds(300))
        let message = String(decoding: try await errors, as: UTF8.self)
        guard status == .exited(0) else { throw GoBuildError(description: "go build failed (\(status)): \(message)") }
        return output
    }
}

struct GoBuildError: Error, CustomStringConvertible {
    let description: String
}

@Suite("The Go original", .timeLimit(.minutes(5)), .enabled(if: GoOriginals.available, GoOriginals.skipReason))
struct GoOriginalTests {
    /// The same files in two directories, one per program, since each writes beside its inputs.
    private func album() throws -> Scratch {
        let scratch = try Scratch()
        for side in ["go", "swift"] {
            try FileManager.default.createDirectory(atPath: "\(scratch.path)/\(side)/album", withIntermediateDirectories: true)
            try scratch.file("\(side)/landscape.jpg", TestImage.photo(width: 600, height: 400).jpeg())
            try scratch.file("\(side)/portrait.jpeg", TestImage.photo(width: 300, height: 700).jpeg())
            try scratch.file("\(side)/small.JPG", TestImage.photo(width: 50, height: 40).jpeg())
            try scratch.file("\(side)/notes.txt", Array("hello".utf8))
            try scratch.file("\(side)/empty.jpg", [])
            var truncated = TestImage.photo(width: 400, height: 300).jpeg()
            truncated.removeLast(truncated.count / 2)
            try scratch.file("\(side)/truncated.jpg", truncated)
        }
        return scratch
    }

    /// Runs both programs on `names` (relative to each side's directory) and returns their runs
    /// with each side's directory replaced by `DIR`.
    private func runBoth(_ names: [String], in scratch: Scratch) async throws -> (go: ThumbnailRun, swift: ThumbnailRun) {
        let original = try await GoThumbnail.path(), ours = try Programs.swift("thumbnail")
        func run(_ program: String, _ side: String) async throws -> ThumbnailRun {
            let dir = "\(scratch.path)/\(side)"
            var run = try await ThumbnailRun.run(program, lines: names.map { $0.isEmpty ? "" : "\(dir)/\($0)" })
            run.stdout = run.stdout.replacingOccurrences(of: dir, with: "DIR")
            run.stderr = run.stderr.replacingOccurrences(of: dir, with: "DIR")
            return run
        }
        async let goRun = run(original, "go")
        async let swiftRun = run(ours, "swift")
        return try await (goRun, swiftRun)
    }

    @Test("the same names, messages and exit status; the same thumbnail sizes")
    func sameOutput() async throws {
        let scratch = try album()
        let names = ["landscape.jpg", "missing.jpg", "portrait.jpeg", "notes.txt", "", "empty.jpg", "album", "small.JPG"]

        let (go, swift) = try await runBoth(names, in: scratch)

        #expect(go.status == .exited(0), "\(go)")
        #expect(swift.status == go.status, "\(swift)")
        #expect(swift.stdout == go.stdout)
        #expect(go.stdoutLines == ["DIR/landscape.thumb.jpg", "DIR/portrait.thumb.jpeg", "DIR/small.thumb.JPG"])
        #expect(swift.logMessages == go.logMessages)
        #expect(go.logMessages.count == 5)
        for thumb in ["landscape.thumb.jpg", "portrait.thumb.jpeg", "small.thumb.JPG"] {
            let goThumb = try #require(TestImage.read("\(scratch.path)/go/\(thumb)")?.image)
            let swiftThumb = try #require(TestImage.read("\(scratch.path)/swift/\(thumb)")?.image)
            #expect(swiftThumb.width == goThumb.width && swiftThumb.height == goThumb.height, "\(thumb)")
        }
    }

    @Test("a truncated JPEG: both say which files they were scaling; the original leaves an empty thumbnail, we none")
    func truncated() async throws {
        let scratch = try album()

        let (go, swift) = try await runBoth(["truncated.jpg", "landscape.jpg"], in: scratch)

        #expect(swift.status == go.status)
        #expect(swift.stdout == go.stdout)
        let prefix = "scaling DIR/truncated.jpg to DIR/truncated.thumb.jpg: "
        #expect(go.logMessages.count == 1 && go.logMessages[0].hasPrefix(prefix), "\(go)")
        #expect(swift.logMessages.count == 1 && swift.logMessages[0].hasPrefix(prefix), "\(swift)")
        #expect(FileManager.default.fileExists(atPath: "\(scratch.path)/go/truncated.thumb.jpg"))
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/swift/truncated.thumb.jpg"))
    }

    @Test("a line too long: both stop with log.Fatal's message and exit status 1")
    func tooLong() async throws {
        let original = try await GoThumbnail.path(), ours = try Programs.swift("thumbnail")
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 65536)

        async let goRun = ThumbnailRun.run(original, input: input)
        async let swiftRun = ThumbnailRun.run(ours, input: input)
        let (go, swift) = try await (goRun, swiftRun)

        #expect(go.status == .exited(1))
        #expect(swift.status == go.status)
        #expect(swift.logMessages == go.logMessages)
        #expect(go.logMessages == ["bufio.Scanner: token too long"])
    }
}
