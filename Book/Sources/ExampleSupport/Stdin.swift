import Channels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` once a one-byte read of standard input returns: a byte arrived (on a terminal,
/// when the user presses return), standard input reached end of file, or the read failed (a
/// closed standard input). Go: `go func() { os.Stdin.Read(make([]byte, 1)); … }()`.
///
/// The read goes through `offload`: once it has waited a moment, its goroutine worker is handed
/// to another thread, so a read that may never return takes no worker (and no thread of the
/// cooperative pool) away from the other goroutines.
/// A blocking `read` on a thread of its own was measured here to serve a terminal, a pipe, a
/// file, /dev/null and a closed descriptor alike, where SwiftNIO's pipe bootstrap crashes on
/// /dev/null and `FileHandle.readabilityHandler` never fires for it.
public func onStdinByteOrEOF(_ body: @escaping @Sendable () -> Void) {
    go {
        await offload {
            var byte: UInt8 = 0
            while read(STDIN_FILENO, &byte, 1) < 0 && errno == EINTR {}
        }
        body()
    }
}

/// A channel that receives once, when a byte arrives on standard input or it reaches end of
/// file (or cannot be read). The countdown programs abort the launch on it.
///
/// Go: `abort := make(chan struct{})` with
/// `go func() { os.Stdin.Read(make([]byte, 1)); abort <- struct{}{} }()`.
public func stdinByteOrEOF() -> ReceiveChan<Void> {
    // One slot: the goroutine hands the event over and ends, whether or not anyone ever
    // receives it (Go's waits for ever on its unbuffered channel).
    let event = Chan<Void>(capacity: 1)
    onStdinByteOrEOF { event.trySend(()) }
    return event.receiveOnly
}
