// The `cake` program, run as a child process: its flags, its report, its verbose lines, its
// progress line, its chart, and argument-parser's errors for bad flags.
import Cake
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Flags that make every step of a shop take no time.
private let instant = ["--bake-time", "0", "--ice-time", "0", "--inscribe-time", "0"]

/// `run 1: 229.41 ms` and the like: the number of the run and its milliseconds.
private func runTimes(_ lines: some Collection<Substring>) -> [(run: Int, ms: Double)] {
    lines.compactMap { line in
        guard line.hasPrefix("run "), line.hasSuffix(" ms"), let colon = line.firstIndex(of: ":"),
              let run = Int(line[line.index(line.startIndex, offsetBy: 4)..<colon]),
              let ms = Double(line[line.index(colon, offsetBy: 2)...].dropLast(3))
        else { return nil }
        return (run, ms)
    }
}

@Suite("The cake command", .timeLimit(.minutes(2)))
struct CommandTests {
    @Test("with no flags it runs the original's baseline once and reports the time")
    func baseline() async throws {
        let result = try await CakeCommand.run([])

        #expect(result.exited && result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty)   // no progress line: standard error is not a terminal
        let lines = result.stdoutLines
        #expect(lines.count == 2)
        let times = runTimes(lines)
        #expect(times.map(\.run) == [1])
        // Twenty cakes through three 10 ms steps: at least 22 steps end to end.
        #expect(times.first.map { $0.ms >= 220 } == true, "\(lines)")
        #expect(lines.last?.hasPrefix("mean: ") == true && lines.last?.hasSuffix(" ms per run (1 run)") == true)
    }

    @Test("it prints a line for every run and their mean")
    func everyRun() async throws {
        let result = try await CakeCommand.run(["--runs", "3", "--cakes", "5"] + instant)

        #expect(result.status == 0, "\(result)")
        let times = runTimes(result.stdoutLines)
        #expect(times.map(\.run) == [1, 2, 3])
        let mean = times.map(\.ms).reduce(0, +) / 3
        let last = try #require(result.stdoutLines.last)
        #expect(last.hasPrefix("mean: ") && last.hasSuffix(" ms per run (3 runs)"), "\(last)")
        let printed = try #require(Double(last.dropFirst(6).prefix { $0 != " " }))
        #expect(abs(printed - mean) <= 0.011)   // the runs' own times are rounded to 0.01 ms
    }

    @Test("--verbose prints the original's lines: baking, icing, inscribing and finished with the cake's number")
    func verbose() async throws {
        let result = try await CakeCommand.run(["--verbose", "--cakes", "4", "--num-icers", "2", "--bake-buf", "1"] + instant)

        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        let steps = lines.dropLast(2)   // then the run's time and the mean
        #expect(steps.count == 16)
        for step in ["baking", "icing", "inscribing", "finished"] {
            let cakes = steps.filter { $0.hasPrefix(step + " ") }.map { Int($0.dropFirst(step.count + 1)) }
            #expect(cakes.compactMap { $0 }.sorted() == [0, 1, 2, 3], "\(step): \(steps)")
        }
        #expect(steps.filter { $0.hasPrefix("baking ") } == ["baking 0", "baking 1", "baking 2", "baking 3"])
        #expect(runTimes(lines).count == 1)
        #expect(result.stderr.isEmpty)   // --verbose keeps standard error quiet too
    }

    @Test("the verbose lines are the events' descriptions", arguments: [
        (Shop.Event.baking(0), "baking 0"), (.icing(7), "icing 7"), (.inscribing(12), "inscribing 12"), (.finished(19), "finished 19"),
    ])
    func verboseLine(_ event: Shop.Event, _ line: String) {
        #expect(event.description == line)
    }

    @Test("--progress draws \\r frames of cakes done, total and elapsed time on standard error")
    func progress() async throws {
        let result = try await CakeCommand.run(["--progress", "--runs", "2", "--cakes", "3"] + instant)

        #expect(result.status == 0, "\(result)")
        #expect(runTimes(result.stdoutLines).count == 2)
        // A frame when the progress starts, one every 100 ms, and the last one when it ends; the
        // cooks' steps take no time here, so the first frame may already count every cake.
        #expect(result.stderr.hasPrefix("\r"))
        #expect(result.stderr.hasSuffix("\n"))
        let frames = result.stderr.dropLast().split(separator: "\r")
        #expect(frames.count >= 2)
        #expect(frames.last?.hasPrefix("6/6 cakes  ") == true, "\(frames)")
        let counts = frames.map { frame in frame.wholeMatch(of: /([0-6])\/6 cakes  \d+\.\ds/).map { Int($0.1)! } }
        #expect(!counts.contains(nil), "\(frames)")
        #expect(counts.compactMap { $0 } == counts.compactMap { $0 }.sorted())
        #expect(ProgressLine.frame(done: 37, total: 200, elapsed: .milliseconds(1450)) == "\r 37/200 cakes  1.5s")
    }

    @Test("--no-progress keeps standard error empty")
    func noProgress() async throws {
        let result = try await CakeCommand.run(["--no-progress", "--cakes", "3"] + instant)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    }

    @Test("--svg sweeps buffer sizes and icers and writes the chart")
    func svg() async throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path + "/cake.svg"
        let result = try await CakeCommand.run([
            "--svg", path, "--sweep-cakes", "3", "--sweep-buffers", "0,1,4", "--sweep-icers", "1,2",
            "--bake-time", "200us", "--ice-time", "600us", "--inscribe-time", "200us", "--ice-std-dev", "100us",
        ])

        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.count == 7)
        #expect(lines.last == "wrote \(path)"[...])
        let labels = lines.dropLast().map { $0.prefix { $0 != ":" } }
        #expect(labels == ["1 icer, 0 slots", "1 icer, 1 slot", "1 icer, 4 slots", "2 icers, 0 slots", "2 icers, 1 slot", "2 icers, 4 slots"])

        let chart = try ParsedChart(String(contentsOfFile: path, encoding: .utf8))
        #expect(chart.root.name == "svg")
        #expect(chart.series.map(\.icers) == [1, 2])
        // Each point of the chart carries the time printed for it, to the chart's 0.1 ms.
        let printed = lines.dropLast().map { Double($0.split(separator: " ").dropLast(3).last!)! }
        let charted = chart.series.flatMap(\.points)
        #expect(charted.map(\.buffer) == [0, 1, 4, 0, 1, 4])
        for (ms, point) in zip(printed, charted) {
            #expect(abs(ms - point.ms) <= 0.051, "\(ms) vs \(point.ms)")
        }
        #expect(try chart.texts("subtitle") == ["3 cakes a run; bake 200µs, ice 600µs ± 100µs, inscribe 200µs; 1 run a point"])
    }

    @Test("--svg to a path that cannot be written fails before sweeping")
    func svgUnwritable() async throws {
        let result = try await CakeCommand.run(["--svg", "/nonexistent-directory/cake.svg"])
        #expect(result.status == 1 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderr == "Error: cannot write /nonexistent-directory/cake.svg: No such file or directory\n")
    }

    @Test("bad flags get argument-parser's error, the usage, and exit status 64", arguments: [
        (["--bogus"], "Error: Unknown option '--bogus'"),
        (["--bake-time", "10parsecs"], "Error: The value '10parsecs' is invalid for '--bake-time <duration>'"),
        (["--bake-time", "10"], "Error: The value '10' is invalid for '--bake-time <duration>'"),
        (["--cakes", "many"], "Error: The value 'many' is invalid for '--cakes <cakes>'"),
        (["--num-icers", "0"], "Error: --num-icers must be at least 1, not 0."),
        (["--runs", "0"], "Error: --runs must be at least 1, not 0."),
        (["--bake-buf=-1"], "Error: --bake-buf must be at least 0, not -1."),
        (["--ice-time=-5ms"], "Error: --ice-time must not be negative, not -5ms."),
        (["--sweep-icers", "1,0"], "Error: every --sweep-icers count must be at least 1, not 0."),
        (["--sweep-buffers", "1,,2"], "Error: The value '1,,2' is invalid for '--sweep-buffers <list>'"),
        (["extra"], "Error: Unexpected argument 'extra'"),
    ])
    func badFlags(_ arguments: [String], _ message: String) async throws {
        let result = try await CakeCommand.run(arguments)

        #expect(result.exited && result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: cake <options>"))
    }

    @Test("--help describes every parameter of the shop, with the baseline's defaults")
    func help() async throws {
        let result = try await CakeCommand.run(["--help"])

        #expect(result.status == 0, "\(result)")
        for flag in ["--verbose", "--cakes <cakes>", "--bake-time <duration>", "--bake-std-dev <duration>", "--bake-buf",
                     "--num-icers", "--ice-time <duration>", "--ice-std-dev <duration>", "--ice-buf",
                     "--inscribe-time <duration>", "--inscribe-std-dev <duration>", "--runs", "--seed",
                     "--progress/--no-progress", "--svg <file>", "--sweep-buffers <list>", "--sweep-icers <list>", "--sweep-cakes"] {
            #expect(result.stdout.contains(flag), "\(flag)")
        }
        #expect(result.stdout.contains("(default: 10ms)"))
        #expect(result.stdout.contains("(default: 20)"))
        #expect(result.stdout.contains("(default: 0,1,2,5,10)"))
    }
}
