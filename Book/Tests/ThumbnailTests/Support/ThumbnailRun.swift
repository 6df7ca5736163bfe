import Foundation
import ProgramTesting
import Testing

/// Swift Testing has an `ExitStatus` of its own (for exit tests); these tests mean the child's.
typealias ExitStatus = ProgramTesting.ExitStatus

/// What one run of a thumbnail program wrote and how it ended.
struct ThumbnailRun: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: ExitStatus

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    /// The log lines without their `YYYY/MM/DD HH:MM:SS ` prefix, which must be there.
    var logMessages: [String] {
        stderrLines.map { line in
            #expect(line.wholeMatch(of: /\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d .*/) != nil, "not a Go log line: \(line)")
            return String(line.dropFirst(20))
        }
    }

    var description: String { "\(status), stdout \(String(reflecting: stdout)), stderr \(String(reflecting: stderr))" }

    /// Runs the program at `path` with `input` on its standard input (then closed).
    static func run(_ path: String, input: [UInt8], environment: [String: String]? = nil) async throws -> ThumbnailRun {
        let child = try ChildProcess(path, input: .pipe, environment: environment)
        defer { child.finish() }
        child.writeToStdin(input)
        child.closeStdin()
        async let errors = child.stderr.readAll(within: .seconds(60))
        let output = try await child.stdout.readAll(within: .seconds(60))
        return ThumbnailRun(
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: try await errors, as: UTF8.self),
            status: try await child.exitStatus(within: .seconds(60))
        )
    }

    /// Runs the program with the `lines` on its standard input, each ended by a newline.
    static func run(_ path: String, lines: [String]) async throws -> ThumbnailRun {
        try await run(path, input: Array(lines.map { $0 + "\n" }.joined().utf8))
    }
}
