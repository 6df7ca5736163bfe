#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The goroutine dump on SIGQUIT. The handler only writes a byte to a pipe (write is
/// async-signal-safe; building a dump is not); a thread of its own reads the pipe and prints.
package enum QuitSignal {
    /// The pipe's write end, read by the handler; -1 until installed.
    private static let pipeWriteEnd = Atomic<Int32>(-1)
    private static let installed = Atomic<Bool>(false)
    /// How many dumps the signal has printed: lets a test wait for one.
    package static let dumpsPrinted = Atomic<Int>(0)

    /// Installs the handler when `SWIFT_CHANNELS_DUMP_ON_SIGQUIT` is set (to anything but 0).
    static let installFromEnvironment: Void = {
        if let value = getenv("SWIFT_CHANNELS_DUMP_ON_SIGQUIT"), String(cString: value) != "0" {
            install()
        }
    }()

    static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            writeToStandardError("swift-channels: cannot make the SIGQUIT pipe: \(String(cString: strerror(errno)))\n")
            return
        }
        let readEnd = ends[0]
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        pipeWriteEnd.store(ends[1], ordering: .releasing)
        startThread(name: "sigquit-dump") {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                let goroutines = Goroutines.all
                writeToStandardError("SIGQUIT: goroutine dump\n\n" + Goroutines.format(goroutines)
                                     + "\nSIGQUIT: end of dump, \(goroutines.count) goroutines\n")
                dumpsPrinted.wrappingAdd(1, ordering: .releasing)
            }
        }
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in QuitSignal.signalled() }
        #else
        action.__sigaction_u.__sa_handler = { _ in QuitSignal.signalled() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGQUIT, &action, nil)
    }

    /// Runs inside the signal handler: one atomic load and one write.
    private static func signalled() {
        let fd = pipeWriteEnd.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        var byte: UInt8 = 1
        let savedErrno = errno
        _ = write(fd, &byte, 1)
        errno = savedErrno
    }
}
