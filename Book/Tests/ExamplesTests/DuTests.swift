// du1, du2, du3 and du4 run as the built executables on a tree made for the tests (nested
// directories, files of known sizes, a 5 GB sparse file, a symbolic link loop, a dangling
// link, a link to a directory, a FIFO, a name that is not UTF-8, directories that cannot be
// read or searched) and compared byte for byte with what the gopl.io/ch8 originals do, and
// with the originals themselves when Go and a gopl.io checkout are at hand.
//
// Walks that must be caught in the middle (progress lines, cancellation) are held on a FIFO
// given as a root: the program, like Go's os.Open, blocks opening it until the test opens its
// other end. Nothing here sleeps; every wait is for an event, bounded only against a hang.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ProgramTesting
import Testing

@Suite("du1–du4", .timeLimit(.minutes(3)))
struct DuTests {
    @Test("behaves as the original", arguments: DuScenario.all)
    func behavesAsTheOriginal(_ scenario: DuScenario) async throws {
        let run = try await duRuns.swift(scenario)
        #expect(scenario.comparable(run) == scenario.expected())
    }

    @Test("as the user nobody: Go's errors for a directory it cannot read or search",
          .enabled(if: Nobody.available, Nobody.skipReason), arguments: DuScenario.asNobody)
    func unreadableAsNobody(_ scenario: DuScenario) async throws {
        let run = try await duRuns.swift(scenario)
        #expect(scenario.comparable(run) == scenario.expected())
    }

    @Test("du4: a byte on standard input cancels the walk, and no totals follow")
    func du4CancelsOnAByte() async throws {
        try await checkCancellation { child in child.writeToStdin(Array("\n".utf8)) }
    }

    @Test("du4: the end of standard input cancels the walk, and no totals follow")
    func du4CancelsAtEndOfInput() async throws {
        try await checkCancellation { child in child.closeStdin() }
    }

    /// du4's cancellation, made deterministic.
    ///
    /// The walk is held on a FIFO given as the first root, so it cannot end by itself. Once a
    /// tick shows the walk under way, `cancel` sends the byte (or the end of input). Then the
    /// test waits for the moment du4 commits to cancelling, which it announces on standard
    /// output under `DU4_TEST_ANNOUNCE_DRAIN` (see `announceDrainForTests`): nothing outside
    /// the program can see that moment otherwise, and until then du4 may still print a tick,
    /// or, were the walk let go too early, pick the closed channel and print the totals (Go's
    /// select chooses at random among ready cases). Only then is the FIFO let go, the walker on
    /// it finishes, the drain ends, and du4 must exit without printing anything more.
    ///
    /// The remaining assumption is that the walker on the FIFO has reached its `open` within
    /// the half second before the first tick; were it later, it would see the cancellation and
    /// not hold the walk, and the run would likely end with totals instead of the announcement.
    private func checkCancellation(_ cancel: @Sendable (ChildProcess) -> Void) async throws {
        let tree = DuTree.shared
        let fifo = try tree.makeFifo()
        var environment = ProcessInfo.processInfo.environment
        environment["DU4_TEST_ANNOUNCE_DRAIN"] = "1"
        // The book's check that cancellation leaves no goroutine behind (its panic at the end of
        // main): a goroutine still alive a second after main returns makes du4 print it and
        // exit with status 2.
        environment["SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT"] = "1"
        let run = try await runDu(try Programs.swift("du4"), [fifo, tree.root], input: .pipe, environment: environment, fifo: fifo) { child in
            // Given a walk held on the FIFO, with a tick printed
            _ = try await child.stdout.read(until: { $0.contains(UInt8(ascii: "\n")) }, within: duBound)
            // When standard input delivers a byte or ends
            cancel(child)
            // Then du4 commits to cancelling…
            _ = try await child.stdout.read(until: { $0.ends(with: "du4: draining\n") }, within: duBound)
        }   // …and once the held walker is let go, it ends

        // …having printed nothing after the drain began (no final totals), and leaking no goroutine
        #expect(!String(decoding: run.observed.stderr, as: UTF8.self).contains("goroutines still alive"))
        let output = lines(of: run.observed.stdout)
        #expect(output.last == Array("du4: draining\n".utf8))
        #expect(output.dropLast().allSatisfy { ProgressLine($0) != nil })
        // The walker on the FIFO reports it, unless it saw the cancellation before opening it;
        // any other error is one of the tree's.
        let (_, treeErrors) = tree.expected(readable: tree.canReadEverything, root: tree.root)
        let allowed = Set(([Array("readdirent \(fifo): not a directory".utf8)] + treeErrors).map { Array("du: ".utf8) + $0 + [10] })
        #expect(lines(of: run.observed.stderr).allSatisfy { allowed.contains($0) })
        #expect(run.observed.status == .exited(0))
    }

    @Test("du4: standard input at end of file from the start cancels, or the walk wins the race")
    func du4WithStandardInputAtEndOfFile() async throws {
        // Cancellation races with the walk from the first instant, in Go's du4 too. On a tree
        // this small the walk may finish before standard input's end is seen, and then the
        // totals are right. Otherwise cancellation wins, as it does for the original's user: a
        // cancelled walk also closes `fileSizes`, and the loop must not take that for the end of
        // the walk and print the totals found so far.
        let tree = DuTree.shared
        var environment = ProcessInfo.processInfo.environment
        environment["DU4_TEST_ANNOUNCE_DRAIN"] = "1"
        let run = try await runDu(try Programs.swift("du4"), [tree.root], input: .devNull, environment: environment)
        let output = lines(of: run.observed.stdout)
        let (totals, _) = tree.expected(readable: tree.canReadEverything, root: tree.root)
        let drained = output.contains(Array("du4: draining\n".utf8))
        let cancelled = output.last == Array("du4: draining\n".utf8)
        let finished = output.last == Array(totals.utf8) && !drained
        #expect(cancelled || finished, "\(run.observed)")
        #expect(output.dropLast().allSatisfy { ProgressLine($0) != nil })
        #expect(run.observed.status == .exited(0))
    }

    @Test("du4 < /dev/null on 5,000 files prints nothing, run after run, as the original")
    func du4AtEndOfInputPrintsNothing() async throws {
        // Go's du4 printed nothing in 20 of 20 such runs: its main goroutine is parked in its
        // select when the cancelled walkers close `fileSizes`, and `done` wakes it first.
        let tree = try ManyFilesTree(directories: 100, filesEach: 50)
        defer { tree.remove() }
        let du4 = try Programs.swift("du4")
        for attempt in 1...50 {
            let run = try await runDu(du4, [tree.root], input: .devNull)
            #expect(run.observed.stdout.isEmpty, "run \(attempt): \(run.observed)")
            #expect(run.observed.stderr.isEmpty, "run \(attempt): \(run.observed)")
            #expect(run.observed.status == .exited(0))
            if !run.observed.stdout.isEmpty { break }
        }
    }

    @Test("du4: with standard input held open, the walk completes with the totals")
    func du4CompletesWithStandardInputOpen() async throws {
        let scenario = DuScenario(program: "du4", kind: .tree)
        let run = try await duRuns.swift(scenario)
        #expect(scenario.comparable(run) == scenario.expected())
        #expect(!run.observed.stdout.ends(with: "du4: draining\n"))
    }
}

@Suite("du1–du4: the Go originals", .timeLimit(.minutes(3)), .enabled(if: DuOriginals.available, DuOriginals.skipReason))
struct DuGoOriginalsTests {
    @Test("the port does what the original does", arguments: DuScenario.all)
    func portMatchesOriginal(_ scenario: DuScenario) async throws {
        try await compare(scenario)
    }

    @Test("as the user nobody", .enabled(if: Nobody.available, Nobody.skipReason), arguments: DuScenario.asNobody)
    func portMatchesOriginalAsNobody(_ scenario: DuScenario) async throws {
        try await compare(scenario)
    }

    private func compare(_ scenario: DuScenario) async throws {
        async let original = duRuns.go(scenario)
        async let port = duRuns.swift(scenario)
        let (go, swift) = try await (original, port)
        #expect(scenario.comparable(swift) == scenario.comparable(go))
        // The expectations were written from the book: check them against Go too.
        #expect(scenario.comparable(go) == scenario.expected())
    }
}
