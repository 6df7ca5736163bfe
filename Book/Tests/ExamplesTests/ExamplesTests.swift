// The book's programs, run as the built executables and compared byte for byte (standard
// output, standard error, exit status) with what the gopl.io/ch8 originals do, and with the
// originals themselves when Go and a gopl.io checkout are at hand.
//
// The executables must be built first; `swift test` builds them, and so does
// `swift build --build-tests`. The full countdowns take ten seconds each and run at once;
// nothing here sleeps: every wait is for an event, bounded only as a guard against a hang.
import ProgramTesting
import Testing

@Suite("The book's programs", .timeLimit(.minutes(3)))
struct ExamplesTests {
    @Test("behaves as the original", arguments: Scenario.allCases.filter { $0 != .spinner })
    func behavesAsTheOriginal(_ scenario: Scenario) async throws {
        let run = try await scenarioRuns.swift(scenario)
        #expect(scenario.comparable(run.observed) == scenario.expected)
    }

    @Test("countdown3's abort forgives one tick that beat it, not two")
    func countdown3ForgivesOneLateTick() {
        let scenario = Scenario.countdown3ReturnAfterNine
        let prompt = "Commencing countdown.  Press return to abort.\n"
        let oneLate = Observed(stdout: Array((prompt + "10\n9\n8\nLaunch aborted!\n").utf8))
        let twoLate = Observed(stdout: Array((prompt + "10\n9\n8\n7\nLaunch aborted!\n").utf8))
        #expect(scenario.comparable(scenario.expected) == scenario.expected)
        #expect(scenario.comparable(oneLate) == scenario.expected)
        #expect(scenario.comparable(twoLate) != scenario.expected)
    }

    @Test("a countdown that is not aborted lasts ten seconds",
          arguments: Scenario.allCases.filter(\.isFullCountdown))
    func fullCountdownLastsTenSeconds(_ scenario: Scenario) async throws {
        // A lower bound only: timers never fire early, so this cannot fail on a slow machine.
        let run = try await scenarioRuns.swift(scenario)
        #expect(run.elapsed >= .seconds(10))
    }

    @Test(.disabled(if: Sanitizers.thread, Sanitizers.spinnerSkipReason))
    func spinnerTurnsWhileFibonacciRuns() async throws {
        let run = try await scenarioRuns.swift(.spinner)
        let output = SpinnerOutput(run.observed.stdout)
        // The first frame is printed at once; a second one shows the spinner goroutine kept
        // running beside the computation, which takes seconds.
        #expect(output.frameCount >= 2)
        #expect(output.inOrder)
        #expect(output.rest == Array("\rFibonacci(45) = 1134903170\n".utf8))
        #expect(run.observed.stderr.isEmpty)
        #expect(run.observed.status == .exited(0))
    }
}

@Suite("The Go originals", .timeLimit(.minutes(3)), .enabled(if: GoOriginals.available, GoOriginals.skipReason))
struct GoOriginalsTests {
    @Test("the port does what the original does", arguments: Scenario.allCases.filter { $0 != .spinner })
    func portMatchesOriginal(_ scenario: Scenario) async throws {
        try await compare(scenario)
    }

    @Test(.disabled(if: Sanitizers.thread, Sanitizers.spinnerSkipReason))
    func spinnerMatchesOriginal() async throws {
        try await compare(.spinner)
    }

    private func compare(_ scenario: Scenario) async throws {
        async let original = scenarioRuns.go(scenario)
        async let port = scenarioRuns.swift(scenario)
        let (go, swift) = try await (original, port)
        #expect(scenario.comparable(swift.observed) == scenario.comparable(go.observed))
        // The scenarios' expectations were written from the book: check them against Go too.
        #expect(scenario.comparable(go.observed) == scenario.expected)
    }
}
