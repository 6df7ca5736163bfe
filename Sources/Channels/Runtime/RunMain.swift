#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program's main body as the main goroutine, on the goroutine executor, and ends the
/// process when it returns, as Go's `main` does: goroutines still running are not waited for.
///
/// Swift's top-level code runs on the main actor, where every channel operation would hop
/// threads (measured at 14-27 µs per ping-pong round trip, against under 1 µs between
/// goroutines). Write the program inside `runMain` instead:
///
/// ```swift
/// // main.swift
/// import Channels
///
/// await runMain {
///     let ch = Chan<Int>()
///     go { try await ch.send(42) }
///     print(try await ch.receive()!)
/// }
/// ```
///
/// `runMain` does its set-up on the caller's thread, the main thread from top-level code, rather
/// than on Swift's global executor (it is `nonisolated(nonsending)`), so that starting a program
/// starts none of libdispatch's threads. The hop, and the threads started for it, put about
/// 1.5 ms before a crawl's first request.
///
/// The process exits with status 0 when `body` returns. An error that escapes `body` is
/// printed on standard error and the exit status is 1 (a Go program's `log.Fatal`).
///
/// The main goroutine is goroutine 1 of `Goroutines.dump()`. Two debugging aids are switched
/// here, each also by an environment variable:
/// - `detectingDeadlocks`, on by default as it always is in Go: when every goroutine is blocked
///   on channels and nothing else can wake one, print Go's "fatal error: all goroutines are
///   asleep - deadlock!" with the dump and exit with status 2. The detector sees goroutines,
///   timers and `offload`; a program whose goroutines wait for something else to wake them (a
///   plain `Thread` calling `sendBlocking`, a `Task` that is not a goroutine, a callback) passes
///   `false`. `SWIFT_CHANNELS_DETECT_DEADLOCKS=0` turns it off, and `=1` on, whatever the
///   argument says. It costs one atomic addition when a goroutine starts, parks, wakes or ends:
///   about 1% of a ping-pong round trip and 5% of a goroutine's start and end, as measured by
///   `Benchmarks`' `DetectorCost`.
/// - `SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT=1`: when `body` returns, give the goroutines it started
///   a second to end; if some are still alive, print them and exit with status 2 (the book's
///   trick of a panic at the end of main to see which goroutines are left).
nonisolated(nonsending) public func runMain(
    executor: (any TaskExecutor)? = GoroutineExecutor.preferred,
    detectingDeadlocks: Bool = true,
    file: String = #fileID, line: Int = #line, function: String = #function,
    _ body: sending @escaping () async throws -> Void
) async -> Never {
    if environmentSwitch("SWIFT_CHANNELS_DETECT_DEADLOCKS") ?? detectingDeadlocks {
        DeadlockDetector.isEnabled.store(true, ordering: .releasing)
    }
    let leakScope = environmentFlag("SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT") ? LeakScope(enclosing: nil) : nil
    let handle = GoroutineHandle.register(file: file, line: line, function: function, isMain: true)?.handle
    let main = Task.detached(executorPreference: executor) { () async -> Void in
        var status: Int32 = 0
        let outcome: Result<Void, any Error> = await withCancellationHook(handle) {
            do {
                try await TaskContext.$current.withValue(TaskContext(goroutine: handle?.boundToCurrentTask(), scope: leakScope)) {
                    try await body()
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome {
            writeToStandardError("main goroutine failed: \(error)\n")
            status = 1
        }
        if let leakScope, status == 0, await !((try? leakScope.waitUntilEmpty(within: .seconds(1))) ?? true) {
            let left = GoroutineRegistry.shared.all().filter { $0.identity.scope?.isWithin(leakScope) == true }
            if !left.isEmpty {
                writeToStandardError("goroutines still alive at the end of main:\n\n" + Goroutines.format(left.map(GoroutineInfo.init)))
                exit(2)
            }
        }
        // End the process here, on the main goroutine's own thread, as Go's runtime ends it
        // right where main returns (exit flushes standard output). Going back to the top-level
        // code first meant a hop to the main thread, and on a loaded machine another goroutine
        // could still write in that gap (the spinner's next frame after the result line).
        exit(status)
    }
    await main.value
    preconditionFailure("the main goroutine ends the process itself")
}

/// Whether the environment variable `name` is set to something other than empty or "0".
func environmentFlag(_ name: String) -> Bool {
    environmentSwitch(name) ?? false
}

/// The environment variable `name` as a switch: nil when it is unset or empty, false for "0",
/// true for anything else.
func environmentSwitch(_ name: String) -> Bool? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text != "0"
}
