import Foundation
import ProgramTesting
import Testing

/// What one run of the `cake` program did.
struct Finished: Sendable, CustomStringConvertible {
    var stdout: String
    var stderr: String
    var status: Int32          // the exit status, or the signal that killed it
    var exited: Bool           // false: killed by `status`

    var stdoutLines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }

    var description: String { "status \(status), stdout \(String(reflecting: stdout)), stderr \(String(reflecting: stderr))" }
}

/// The built `cake` program, run as a child process.
///
/// It is this package's executable product, found where `ProgramTesting.Programs` finds every
/// built program.
enum CakeCommand {
    static var path: String { Programs.swiftDirectory + "/cake" }

    /// Runs `cake` with `arguments`, standard input at end of file, and returns what it wrote
    /// and how it ended.
    static func run(_ arguments: [String]) async throws -> Finished {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingProgram(path: path)
        }
        return try await runProgram(path, arguments)
    }
}

/// Runs the program at `path` with standard input at end of file, and returns what it wrote
/// and how it ended. Its output goes to files, so that neither pipe can fill and stall it.
func runProgram(_ path: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Finished {
    let scratch = try TemporaryDirectory()
    let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let ended = AsyncStream<Void>.makeStream()
    process.terminationHandler = { _ in ended.continuation.finish() }
    try process.run()
    for await _ in ended.stream {}
    try out.close()
    try err.close()
    return Finished(
        stdout: try String(contentsOfFile: outPath, encoding: .utf8),
        stderr: try String(contentsOfFile: errPath, encoding: .utf8),
        status: process.terminationStatus,
        exited: process.terminationReason == .exit
    )
}

/// A fresh directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "cake-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
