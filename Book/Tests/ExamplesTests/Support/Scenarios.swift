#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import ProgramTesting
import Testing

/// What a program did: every byte it wrote and how it ended.
struct Observed: Equatable, Sendable, CustomStringConvertible {
    var stdout: [UInt8]
    var stderr: [UInt8]
    var status: ExitStatus

    init(stdout: [UInt8], stderr: [UInt8] = [], status: ExitStatus = .exited(0)) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }

    init(stdout: String, stderr: String = "", status: ExitStatus = .exited(0)) {
        self.init(stdout: Array(stdout.utf8), stderr: Array(stderr.utf8), status: status)
    }

    var description: String {
        "stdout \(quoted(stdout)), stderr \(quoted(stderr)), \(status)"
    }

    private func quoted(_ bytes: [UInt8]) -> String {
        String(reflecting: String(decoding: bytes, as: UTF8.self))
    }
}

/// One run of a program: what it did and how long it took.
struct Run: Sendable {
    var observed: Observed
    var elapsed: Duration
}

/// One way of running one of the book's programs, with what the original does that way.
///
/// The same scenario runs the Swift port and the Go original, so the two can be compared
/// byte for byte.
enum Scenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case pipeline1FirstThousandLines   // read 1000 lines, then close the pipe, as `| head` does
    case pipeline2
    case pipeline3
    case countdown1
    case countdown2LiftOff             // stdin a pipe that stays open and silent
    case countdown2Return              // a newline on stdin once the prompt is out
    case countdown2EndOfFile           // stdin is /dev/null
    case countdown2ClosedStdin         // no descriptor 0 at all
    case countdown3LiftOff
    case countdown3ReturnAfterNine     // a newline on stdin once 9 is printed
    case countdown3EndOfFile
    case spinner

    var testDescription: String { rawValue }

    var program: String {
        switch self {
        case .pipeline1FirstThousandLines: "pipeline1"
        case .pipeline2: "pipeline2"
        case .pipeline3: "pipeline3"
        case .countdown1: "countdown1"
        case .countdown2LiftOff, .countdown2Return, .countdown2EndOfFile, .countdown2ClosedStdin: "countdown2"
        case .countdown3LiftOff, .countdown3ReturnAfterNine, .countdown3EndOfFile: "countdown3"
        case .spinner: "spinner"
        }
    }

    /// Does the launch wait for the whole ten seconds?
    var isFullCountdown: Bool {
        [.countdown1, .countdown2LiftOff, .countdown3LiftOff].contains(self)
    }

    /// What the book's program does, in the form `comparable(_:)` gives.
    var expected: Observed {
        let prompt = "Commencing countdown.  Press return to abort.\n"
        let tenToOne = (1...10).reversed().map { "\($0)\n" }.joined()
        switch self {
        case .pipeline1FirstThousandLines:
            return Observed(stdout: squares(upTo: 1000), status: .signalled(SIGPIPE))
        case .pipeline2, .pipeline3:
            return Observed(stdout: squares(upTo: 100))
        case .countdown1:
            return Observed(stdout: "Commencing countdown.\n" + tenToOne + "Lift off!\n")
        case .countdown2LiftOff:
            return Observed(stdout: prompt + "Lift off!\n")
        case .countdown2Return, .countdown2EndOfFile, .countdown2ClosedStdin:
            return Observed(stdout: prompt + "Launch aborted!\n")
        case .countdown3LiftOff:
            return Observed(stdout: prompt + tenToOne + "Lift off!\n")
        case .countdown3ReturnAfterNine:
            return Observed(stdout: prompt + "10\n9\nLaunch aborted!\n")
        case .countdown3EndOfFile:
            return Observed(stdout: prompt + "10\nLaunch aborted!\n")
        case .spinner:
            return Observed(stdout: SpinnerOutput.framesInOrder + "\rFibonacci(45) = 1134903170\n")
        }
    }

    /// What of a run must be the same every time: all of it, except for the spinner, whose
    /// number of frames depends on how fast the machine computes, pipeline1, which prints more
    /// lines than were read before it noticed, and countdown3's abort, which one tick may beat on
    /// a loaded machine.
    func comparable(_ observed: Observed) -> Observed {
        var result = observed
        switch self {
        case .pipeline1FirstThousandLines:
            result.stdout = firstLines(1000, of: observed.stdout)
        case .countdown3ReturnAfterNine:
            // The newline goes in as soon as 9 is out, a second before 8 is due. A machine loaded
            // enough to stall the test or the program for that second lets 8 out first, and the
            // original does the same then (its select takes the tick; CI saw it once). So one
            // late tick is forgiven; two would mean the return was not heard.
            let late = Array("9\n8\nLaunch aborted!\n".utf8)
            if observed.stdout.count >= late.count && Array(observed.stdout.suffix(late.count)) == late {
                result.stdout = Array(observed.stdout.dropLast(late.count)) + Array("9\nLaunch aborted!\n".utf8)
            }
        case .spinner:
            let spinner = SpinnerOutput(observed.stdout)
            if spinner.frameCount > 0 && spinner.inOrder {
                result.stdout = Array(SpinnerOutput.framesInOrder.utf8) + spinner.rest
            }
        default:
            break
        }
        return result
    }

    /// Runs the program at `path` this way. Every wait is bounded, as a guard against a hang;
    /// a passing run never waits for a bound.
    func run(_ path: String) async throws -> Run {
        let clock = ContinuousClock()
        let start = clock.now
        let observed: Observed
        switch self {
        case .pipeline2, .pipeline3, .countdown1, .countdown2EndOfFile, .countdown3EndOfFile, .spinner:
            observed = try await runProgram(path, input: .devNull)
        case .countdown2ClosedStdin:
            observed = try await runProgram(path, input: .closed)
        case .countdown2LiftOff, .countdown3LiftOff:
            observed = try await runProgram(path, input: .pipe)
        case .countdown2Return:
            observed = try await runProgram(path, input: .pipe) { child in
                _ = try await child.stdout.read(until: { $0.ends(with: "abort.\n") }, within: bound)
                child.writeToStdin(Array("\n".utf8))
            }
        case .countdown3ReturnAfterNine:
            observed = try await runProgram(path, input: .pipe) { child in
                _ = try await child.stdout.read(until: { $0.ends(with: "\n9\n") }, within: bound)
                child.writeToStdin(Array("\n".utf8))
            }
        case .pipeline1FirstThousandLines:
            observed = try await runProgram(path, input: .devNull) { child in
                _ = try await child.stdout.read(
                    until: { bytes in bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count >= 1000 },
                    thenClose: true,
                    within: bound
                )
            }
        }
        return Run(observed: observed, elapsed: clock.now - start)
    }

    private var bound: Duration { .seconds(90) }

    /// Starts the program, lets `interact` drive it, then collects all its output and its end.
    private func runProgram(
        _ path: String,
        input: ChildInput,
        interact: (ChildProcess) async throws -> Void = { _ in }
    ) async throws -> Observed {
        let child = try ChildProcess(path, input: input)
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: bound)
        try await interact(child)
        let output = try await child.stdout.readAll(within: bound)
        let status = try await child.exitStatus(within: bound)
        return Observed(stdout: output, stderr: try await errors, status: status)
    }
}

/// The squares of 0..<count, one per line, as pipeline2 and pipeline3 print them.
func squares(upTo count: Int) -> String {
    (0..<count).map { "\($0 * $0)\n" }.joined()
}

/// The first `count` lines of `bytes`, newlines included.
func firstLines(_ count: Int, of bytes: [UInt8]) -> [UInt8] {
    var seen = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        seen += 1
        if seen == count { return Array(bytes[...index]) }
    }
    return bytes
}

/// The spinner's output taken apart: its frames (`\r` and one of `-\|/`), then the rest.
struct SpinnerOutput {
    /// What `Scenario.comparable(_:)` puts in place of one or more frames in the right order.
    static let framesInOrder = "\r<frames -\\|/ in order>"

    let frameCount: Int
    let inOrder: Bool   // the frames cycle through `-\|/`, starting with `-`
    let rest: [UInt8]   // what follows the last frame

    init(_ bytes: [UInt8]) {
        let cycle = Array(#"-\|/"#.utf8)
        var index = 0, frames = 0, inOrder = true
        while index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\r") && cycle.contains(bytes[index + 1]) {
            inOrder = inOrder && bytes[index + 1] == cycle[frames % cycle.count]
            frames += 1
            index += 2
        }
        frameCount = frames
        self.inOrder = inOrder
        rest = Array(bytes[index...])
    }
}

/// Every scenario's run, shared between the port's test and its comparison with Go's.
let scenarioRuns = SharedRuns<Scenario, Run> { scenario, original in
    let path = original
        ? try await GoOriginals.directory() + "/" + scenario.program
        : try Programs.swift(scenario.program)
    return try await scenario.run(path)
}

extension Array where Element == UInt8 {
    func ends(with suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return count >= tail.count && Array(self[(count - tail.count)...]) == tail
    }
}
