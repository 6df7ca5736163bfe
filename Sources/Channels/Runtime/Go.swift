#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts `body` as a goroutine: a task that runs concurrently with the caller and never on the
/// caller's actor, even when started from `@MainActor` code. Go: `go f()`.
///
/// Goroutines run on `GoroutineExecutor.preferred` (the goroutine scheduler unless the
/// environment opts out); pass another `executor`, or nil for Swift's global concurrent
/// executor, to run elsewhere.
///
/// The goroutine is registered for `Goroutines.dump()`, `withGoroutineLeakCheck` and the
/// deadlock detector from its start to its end, unless `SWIFT_CHANNELS_REGISTRY=off`.
///
/// An error that escapes `body` is reported on standard error with the place where the
/// goroutine was started, never swallowed. The one exception is the `CancellationError` of a
/// goroutine that was itself cancelled through the returned task: that is the expected way for a
/// cancelled goroutine to end. Keep the returned task to cancel the goroutine or await its end;
/// Go has no such handle.
@discardableResult
public func go(
    executor: (any TaskExecutor)? = GoroutineExecutor.preferred,
    file: String = #fileID, line: Int = #line, function: String = #function,
    _ body: sending @escaping () async throws -> Void
) -> Task<Void, Never> {
    guard let (handle, scope) = GoroutineHandle.register(file: file, line: line, function: function) else {
        return Task.detached(executorPreference: executor) {
            if let failure = await goroutineFailure(body) {
                reportEscapedError(failure, file: file, line: line, function: function)
            }
        }
    }
    // The record carries the body, so that the task's closure captures only the handle and the
    // scope: no separate box for the body, no copies of the strings.
    handle.record.takeUnretainedValue().body = body
    return Task.detached(executorPreference: executor) {
        await handle.run(scope: scope)
    }
}

extension GoroutineHandle {
    /// The goroutine's whole life, on its own task: its body, with its handle as the task's
    /// current goroutine, then the end of its registration.
    ///
    /// Every frame here stays in the task's allocator for as long as the goroutine lives, under
    /// whatever it waits in: the nesting is kept as shallow as it can be (a wrapper more pushed a
    /// blocked goroutine's frames past the task's first allocator slab, about a kilobyte more
    /// per goroutine).
    nonisolated(nonsending) fileprivate func run(scope: LeakScope?) async {
        let record = record.takeUnretainedValue()
        let body = record.body!
        record.body = nil
        let context = TaskContext(goroutine: boundToCurrentTask(), scope: scope)
        // The goroutine's one cancellation hook (see `park`), around its whole life.
        let failure = await withTaskCancellationHandler(operation: {
            await TaskContext.$current.withValue(context) { await goroutineFailure(body) }
        }, onCancel: {
            record.cancelPublishedPark(generation: generation)
        }, isolation: #isolation)
        if let failure {
            let (file, line, function) = record.startSite(generation: generation) ?? ("?", 0, "?")
            reportEscapedError(failure, file: file, line: line, function: function)
        }
        finish(scope: scope)
    }
}

/// Runs a goroutine's body and returns the error that escaped it, if it is one to report: a
/// `CancellationError` of a goroutine that was itself cancelled is the expected way for it to
/// end. Always inlined, so that it adds no frame under a goroutine's waits (see `run`).
@inline(__always)
nonisolated(nonsending) private func goroutineFailure(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch is CancellationError where Task.isCancelled {
        return nil
    } catch {
        return error
    }
}

func reportEscapedError(_ error: any Error, file: String, line: Int, function: String) {
    writeToStandardError("goroutine started at \(file):\(line) in \(function) failed: \(error)\n")
}

/// Writes `message` to file descriptor 2 in full. (`stderr` the C global is not usable from
/// Swift 6 code without `@preconcurrency`.)
func writeToStandardError(_ message: String) {
    let bytes = Array(message.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
            write(2, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written <= 0 { break }
        offset += written
    }
}
