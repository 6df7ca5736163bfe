// How a program built on `runMain` starts: on its own threads, without libdispatch's.
import Foundation
import ProgramTesting
import Testing

@Suite("A program's start", .timeLimit(.minutes(1)))
struct ProgramStartTests {
    /// `runMain` does its set-up on the main thread instead of hopping to Swift's global
    /// executor, which started libdispatch's worker and manager threads (named after their
    /// queues: `com.apple.root.default-qos`, `…-qos.overcommit`) in every program.
    @Test func countdown2RunsWithoutLibdispatchThreads() async throws {
        let child = try ChildProcess(try Programs.swift("countdown2"), input: .pipe)
        defer { child.finish() }

        // Given countdown2 counting down: its main goroutine, its ticker and its reader of
        // standard input have all started
        _ = try await child.stdout.read(until: { $0.contains(UInt8(ascii: "\n")) }, within: .seconds(20))

        // Then none of its threads is one of libdispatch's
        let names = threadNames(of: child.pid)
        #expect(!names.isEmpty)
        let libdispatch = names.filter { $0.contains("qos") || $0.contains("overcommit") }
        #expect(libdispatch.isEmpty, "countdown2's threads: \(names)")
    }
}

/// The name of each thread of process `pid`, as `/proc` shows it (at most 15 bytes: the end of
/// a longer name).
private func threadNames(of pid: pid_t) -> [String] {
    let directory = "/proc/\(pid)/task"
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return threads.compactMap { thread in
        (try? String(contentsOfFile: "\(directory)/\(thread)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .newlines)
    }
}
