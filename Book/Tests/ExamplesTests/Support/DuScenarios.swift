#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import ProgramTesting
import Testing

/// One way of running du1, du2, du3 or du4 on `DuTree`, with what the original does that way.
///
/// The same scenario runs the Swift port and the Go original, so that the two can be compared
/// byte for byte (paths the runs do not share, the program's and a FIFO's, replaced by
/// placeholders; du3's and du4's error lines sorted, since their walks run in parallel).
struct DuScenario: Hashable, Sendable, CustomTestStringConvertible {
    enum Kind: String, Hashable, Sendable, CaseIterable {
        case tree                  // du <tree>
        case defaultRoot           // du, run in the tree: the root is "."
        case errors                // a link to a directory, a missing path, a file, a subdirectory
        case asNobody              // du <tree> as the user nobody, who cannot read two directories
        case undefinedFlag         // du1 -v, du2/du3 -x, du4 -v (no flags: a root named -v)
        case help                  // -h: the usage, exit status 0 (du1–du3)
        case badFlagValue          // -v=maybe (du2, du3)
        case progress              // du2/du3 -v, du4: totals every 500 ms while a FIFO holds the walk
        case heldWithoutProgress   // du2/du3 without -v: the same walk, only the final totals
    }

    let program: String   // du1 … du4
    let kind: Kind

    var testDescription: String { "\(program) \(kind.rawValue)" }

    /// Every scenario but `asNobody`, which needs root and setpriv.
    static let all: [DuScenario] = ["du1", "du2", "du3", "du4"].flatMap { program in
        Kind.allCases.filter { $0 != .asNobody }.compactMap { kind in
            let scenario = DuScenario(program: program, kind: kind)
            return scenario.applies ? scenario : nil
        }
    }

    static let asNobody = ["du1", "du2", "du3", "du4"].map { DuScenario(program: $0, kind: .asNobody) }

    private var applies: Bool {
        switch kind {
        case .help: program != "du4"
        case .badFlagValue, .heldWithoutProgress: program == "du2" || program == "du3"
        case .progress: program != "du1"
        default: true
        }
    }

    private var walksInParallel: Bool { program == "du3" || program == "du4" }

    /// Whether the program gets past its flags and walks.
    private var walks: Bool {
        switch kind {
        case .help, .badFlagValue: false
        case .undefinedFlag: program == "du4"
        default: true
        }
    }
    private var errorPrefix: String { program == "du1" ? "du1: " : "du: " }
    private var hasVerboseFlag: Bool { program == "du2" || program == "du3" }

    // MARK: what the original does

    /// What the book's program does, in the form `comparable(_:)` gives.
    func expected(tree: DuTree = .shared) -> Observed {
        let readable = kind == .asNobody ? false : tree.canReadEverything
        let (totals, treeErrors) = tree.expected(readable: readable, root: kind == .defaultRoot ? "." : tree.root)
        let usage = "Usage of <program>:\n" + (hasVerboseFlag ? "  -v\tshow verbose progress messages\n" : "")
        switch kind {
        case .tree, .defaultRoot, .asNobody:
            return Observed(stdout: Array(totals.utf8), stderr: errorLines(treeErrors))
        case .errors:
            let errors = [
                Array("open /nonexistent/du-test: no such file or directory".utf8),
                Array("readdirent \(tree.root)/a/f1: not a directory".utf8),
            ]
            return Observed(stdout: Array("5 files  10.0 GB\n".utf8), stderr: errorLines(errors))
        case .undefinedFlag:
            switch program {
            case "du1": return Observed(stdout: "", stderr: "flag provided but not defined: -v\n" + usage, status: .exited(2))
            case "du4": return Observed(stdout: Array(totals.utf8), stderr: errorLines([Array("open -v: no such file or directory".utf8)] + treeErrors))
            default: return Observed(stdout: "", stderr: "flag provided but not defined: -x\n" + usage, status: .exited(2))
            }
        case .help:
            return Observed(stdout: "", stderr: usage)
        case .badFlagValue:
            return Observed(stdout: "", stderr: "invalid boolean value \"maybe\" for -v: parse error\n" + usage, status: .exited(2))
        case .progress, .heldWithoutProgress:
            let progress = kind == .progress ? "<progress>\n" : ""
            return Observed(
                stdout: Array((progress + totals).utf8),
                stderr: errorLines([Array("readdirent <fifo>: not a directory".utf8)] + treeErrors)
            )
        }
    }

    private func errorLines(_ errors: [[UInt8]]) -> [UInt8] {
        var lines = errors.map { Array(errorPrefix.utf8) + $0 + [UInt8(ascii: "\n")] }
        if walksInParallel && walks { lines.sort { $0.lexicographicallyPrecedes($1) } }
        return lines.flatMap { $0 }
    }

    /// What of a run must be the same every time: the paths of the program and of the FIFO
    /// replaced by `<program>` and `<fifo>`; du3's and du4's error lines sorted; and the
    /// progress lines, whose number and counts depend on timing, replaced by `<progress>` when
    /// they are well formed (required with `progress`; allowed in du4's other runs, which tick
    /// too should a run take half a second).
    func comparable(_ run: DuRun) -> Observed {
        var result = run.observed
        result.stdout = replacing(run.programPath, with: "<program>", in: result.stdout)
        result.stderr = replacing(run.programPath, with: "<program>", in: result.stderr)
        if let fifo = run.fifo {
            result.stderr = replacing(fifo, with: "<fifo>", in: result.stderr)
        }
        if walksInParallel && walks {
            result.stderr = lines(of: result.stderr).sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
        }
        let outputLines = lines(of: result.stdout)
        if outputLines.count >= 2, let last = outputLines.last {
            let progress = outputLines.dropLast()
            let wellFormed = progress.allSatisfy { ProgressLine($0) != nil }
            // du2 walks its roots in turn, and the FIFO comes first: until the test lets it
            // go, after the first tick, nothing has been counted.
            let startsAtZero = program != "du2" || progress.first == Array("0 files  0.0 GB\n".utf8)
            if wellFormed && startsAtZero && (kind == .progress || program == "du4") {
                result.stdout = Array("<progress>\n".utf8) + last
            }
        }
        return result
    }

    // MARK: running

    /// Runs the program at `path` this way. Every wait is bounded, as a guard against a hang;
    /// a passing run never waits for a bound.
    func run(_ path: String, tree: DuTree = .shared) async throws -> DuRun {
        let root = tree.root
        let input: ChildInput = program == "du4" ? .pipe : .devNull   // du4 cancels on EOF
        switch kind {
        case .tree:
            return try await runDu(path, [root], input: input)
        case .defaultRoot:
            return try await runDu("/usr/bin/env", ["-C", root, path], input: input, programPath: path)
        case .errors:
            return try await runDu(path, [root + "/linkdir", "/nonexistent/du-test", root + "/a/f1", root + "/a/b"], input: input)
        case .asNobody:
            return try await runDu(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", path, root],
                input: input, programPath: path
            )
        case .undefinedFlag:
            let flag = program == "du2" || program == "du3" ? "-x" : "-v"
            // In the tree's parent, where nothing is named -v.
            return try await runDu("/usr/bin/env", ["-C", tree.base, path, flag, root], input: input, programPath: path)
        case .help:
            return try await runDu(path, ["-h"], input: input)
        case .badFlagValue:
            return try await runDu(path, ["-v=maybe", root], input: input)
        case .progress, .heldWithoutProgress:
            let fifo = try tree.makeFifo()
            let verbose = kind == .progress && hasVerboseFlag ? ["-v"] : []
            return try await runDu(path, verbose + [fifo, root], input: input, fifo: fifo) { child in
                if kind == .progress {
                    // One tick while the walk is held: progress is printed before the end.
                    _ = try await child.stdout.read(until: { $0.contains(UInt8(ascii: "\n")) }, within: duBound)
                }
            }
        }
    }
}

/// One run of a du: what it did, and the paths to hide when comparing it with another run.
struct DuRun: Sendable {
    var observed: Observed
    var programPath: String   // as the program saw it in argv[0]
    var fifo: String?         // the FIFO that held the walk, if any
}

/// The longest any single wait in the du tests may take; a guard against a hang only.
let duBound: Duration = .seconds(60)

/// Starts `path`, lets `interact` drive it, then, if the run has a FIFO, lets the walk held on
/// it go on, and collects all the output and the end.
func runDu(
    _ path: String,
    _ arguments: [String],
    input: ChildInput,
    environment: [String: String]? = nil,
    programPath: String? = nil,
    fifo: String? = nil,
    interact: (ChildProcess) async throws -> Void = { _ in }
) async throws -> DuRun {
    let child = try ChildProcess(path, arguments: arguments, input: input, environment: environment)
    defer { child.finish() }
    async let errors = child.stderr.readAll(within: duBound)
    try await interact(child)
    let release = try fifo.map(FifoRelease.init)
    defer { release?.end() }
    let output = try await child.stdout.readAll(within: duBound)
    let status = try await child.exitStatus(within: duBound)
    return DuRun(
        observed: Observed(stdout: output, stderr: try await errors, status: status),
        programPath: programPath ?? path,
        fifo: fifo
    )
}

/// A progress line, `N files  X.Y GB`, taken apart.
struct ProgressLine: Equatable {
    let files: Int64
    let gigabytes: String

    init?(_ line: [UInt8]) {
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasSuffix(" GB\n") else { return nil }
        let parts = text.dropLast(4).components(separatedBy: " files  ")
        guard parts.count == 2, let files = Int64(parts[0]), parts[1].contains("."), Double(parts[1]) != nil else { return nil }
        self.files = files
        gigabytes = parts[1]
    }
}

/// The lines of `bytes`, each with its newline (the last one without, if it has none).
func lines(of bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        result.append(Array(bytes[start...index]))
        start = index + 1
    }
    if start < bytes.count { result.append(Array(bytes[start...])) }
    return result
}

/// `bytes` with every occurrence of `text` replaced by `replacement`.
func replacing(_ text: String, with replacement: String, in bytes: [UInt8]) -> [UInt8] {
    let pattern = Array(text.utf8), substitute = Array(replacement.utf8)
    guard !pattern.isEmpty else { return bytes }
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
            result += substitute
            index += pattern.count
        } else {
            result.append(bytes[index])
            index += 1
        }
    }
    return result
}

/// Every du scenario's run, shared between the port's test and its comparison with Go's.
let duRuns = SharedRuns<DuScenario, DuRun> { scenario, original in
    let path = original
        ? try await DuOriginals.directory() + "/" + scenario.program
        : try Programs.swift(scenario.program)
    return try await scenario.run(path)
}

/// du1…du4 from gopl.io, built once per test run into `gopl-originals-du/` in the build
/// products directory, with the toolchain and checkout `GoOriginals` finds.
enum DuOriginals {
    static let programs = ["du1", "du2", "du3", "du4"]

    static var available: Bool {
        GoOriginals.available && GoOriginals.source.map { access("\($0)/ch8/du4/main.go", R_OK) == 0 } == true
    }

    static var skipReason: Comment {
        GoOriginals.available ? "comparison with the Go originals skipped: the gopl.io checkout has no ch8/du4" : GoOriginals.skipReason
    }

    /// The directory holding the built originals.
    static func directory() async throws -> String {
        try await build.value
    }

    private static let build = Task<String, any Error> {
        guard available else { throw GoUnavailable(reason: skipReason.rawValue) }
        return try await GoOriginals.build(programs, into: "gopl-originals-du")
    }
}

/// Whether runs as the user nobody can be made: the tests run as root (who reads every
/// directory, so the error paths need another user) and `setpriv` is installed.
enum Nobody {
    static var available: Bool { geteuid() == 0 && access("/usr/bin/setpriv", X_OK) == 0 }

    static var skipReason: Comment {
        geteuid() != 0
            ? "not root: the plain runs already meet the unreadable directories"
            : "no /usr/bin/setpriv to run the programs as the user nobody"
    }
}
