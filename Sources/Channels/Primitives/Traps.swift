/// Where user code called an operation that can trap: the panic report names that line, as Go's
/// names it in the panicking goroutine's stack. Public operations that can trap take
/// `file: StaticString = #fileID, line: UInt = #line` and pass it down; a constant pair, so a
/// path that does not trap pays nothing for it.
@frozen @usableFromInline
struct CallSite: Sendable {
    @usableFromInline let file: StaticString
    @usableFromInline let line: UInt

    @inlinable
    init(file: StaticString, line: UInt) {
        self.file = file
        self.line = line
    }
}

/// Go's run-time panics, with Go's words. Each prints a report in the shape of Go's, naming the
/// user's line, the running goroutine and where it was started:
///
/// ```
/// panic: send on closed channel
///
/// goroutine 7 [running]:
///     Mirrors/main.swift:21
/// created by mirroredQuery() in goroutine 1
///     Mirrors/main.swift:15
/// ```
///
/// and then stops the process with `fatalError`, which keeps its message in release builds,
/// where `precondition` would drop it.
@usableFromInline
enum Trap {
    @usableFromInline @inline(never)
    static func sendOnClosedChannel(at site: CallSite) -> Never { panic("send on closed channel", at: site) }

    @usableFromInline @inline(never)
    static func closeOfClosedChannel(at site: CallSite) -> Never { panic("close of closed channel", at: site) }

    @usableFromInline @inline(never)
    static func negativeWaitGroupCounter(at site: CallSite) -> Never { panic("sync: negative WaitGroup counter", at: site) }

    @usableFromInline @inline(never)
    static func channelSizeOutOfRange(at site: CallSite) -> Never { panic("makechan: size out of range", at: site) }

    @usableFromInline @inline(never)
    static func nonPositiveInterval(_ caller: String, at site: CallSite) -> Never {
        panic("non-positive interval for \(caller)", at: site)
    }

    static func panic(_ message: String, at site: CallSite) -> Never {
        writeToStandardError(report(message, at: site))
        fatalError(message, file: site.file, line: site.line)
    }

    /// Go's panic report: the message, then the panicking goroutine with the line that panicked
    /// and where it was started. A task that is not a goroutine gets the line alone.
    static func report(_ message: String, at site: CallSite) -> String {
        let line = "\t\(site.file):\(site.line)\n"
        guard let goroutine = GoroutineRecord.running?.info else {
            return "panic: \(message)\n\n\(line)\n"
        }
        let started = goroutine.dumpParagraph.split(separator: "\n", maxSplits: 1)[1]
        return "panic: \(message)\n\ngoroutine \(goroutine.id) [running]:\n\(line)\(started)\n"
    }
}
