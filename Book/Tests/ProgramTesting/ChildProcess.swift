// `environ` is a C global `var`: Swift 6 reads it only through a @preconcurrency import, placed
// first in the file.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Channels

/// How a child process ended.
public enum ExitStatus: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)      // it called exit (or returned from main) with this status
    case signalled(Int32)   // a signal killed it

    /// Decodes a `waitpid` status (the `WIFEXITED`/`WTERMSIG` macros do not reach Swift).
    public init(waitStatus status: Int32) {
        if status & 0x7f == 0 {
            self = .exited((status >> 8) & 0xff)
        } else {
            self = .signalled(status & 0x7f)
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signalled(let signal): "killed by signal \(signal)"
        }
    }
}

/// What a child's standard input is connected to.
public enum ChildInput: Sendable {
    case pipe      // a pipe the test holds open, writes to when it likes, and closes at the end
    case devNull   // /dev/null: the first read finds end of file
    case closed    // no descriptor 0 at all
}

/// A failure guard fired: something that should have happened long before did not.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}

/// A program started with `posix_spawn`, its standard output and error read on threads of their
/// own, and its end awaited on another, so that no test blocks a thread of the cooperative pool
/// (two threads on a two-core machine) while many programs run at once.
///
/// Foundation's `Process` is not used: the children must start with the default action for
/// SIGPIPE whatever the test runner set (pipeline1 is ended by closing its output, as by
/// `| head`), and every pipe end the tests hold is close-on-exec, so that one child never keeps
/// another child's pipe open and delays its end of file.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    public let stdout: PipeReader
    public let stderr: PipeReader
    private let stdinWriter: ThreadLocked<Int32?>   // our end of the child's stdin pipe, until closed
    private let reaped = ThreadLocked(false)        // the child has been waited for: its pid is free
    private let status = Chan<ExitStatus>(capacity: 1)  // delivers how the child ended, once

    public init(_ path: String, arguments: [String] = [], input: ChildInput, environment: [String: String]? = nil) throws {
        let spawned = try spawning.withLock { count in
            count += 1
            return try spawn(path, arguments: arguments, input: input, environment: environment)
        }
        let child = spawned.pid
        pid = child
        stdout = PipeReader(spawned.stdout)
        stderr = PipeReader(spawned.stderr)
        stdinWriter = ThreadLocked(spawned.stdin)
        startThread { [self] in
            // Wait without reaping, then reap under the lock that `finish()` takes to kill: a
            // pid it signals is never one the system has already given to another process.
            var info = siginfo_t()
            while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
            var raw: Int32 = 0
            self.reaped.withLock { reaped in
                while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
                reaped = true
            }
            self.status.trySend(ExitStatus(waitStatus: raw))
        }
    }

    /// Writes `bytes` to the child's standard input pipe, waiting while the pipe is full, and
    /// returns how many the pipe took: fewer than all once the child has closed its standard
    /// input or ended (a program that stops reading at an error, say), as a shell's pipe would.
    @discardableResult
    public func writeToStdin(_ bytes: [UInt8]) -> Int {
        stdinWriter.withLock { fd in
            guard let fd else { preconditionFailure("the child's stdin is not an open pipe") }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }   // EPIPE: nobody reads any more
                offset += written
            }
            return offset
        }
    }

    /// Closes our end of the child's standard input pipe, if it is still open.
    public func closeStdin() {
        stdinWriter.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }

    /// How the child ended; waits at most `timeout` for it to end.
    public func exitStatus(within timeout: Duration) async throws -> ExitStatus {
        let deadline = after(timeout)
        return try await select {
            receive(from: status) { $0! }
            receive(from: deadline) { _ -> ExitStatus in throw TimedOut(what: "pid \(self.pid) to exit") }
        }
    }

    /// Kills the child if it is still running and closes its standard input: the clean-up after
    /// every run, passing or failing.
    public func finish() {
        reaped.withLock { reaped in
            if !reaped { _ = kill(pid, SIGKILL) }
        }
        closeStdin()
    }

    deinit {
        stdinWriter.withLock { fd in
            if let open = fd { close(open) }
        }
    }
}

/// Reads one pipe on a thread of its own and hands each chunk to the test. After each chunk the
/// test answers whether to read on; "no" closes the pipe, so the writer's next write fails as
/// it would with `| head`.
public final class PipeReader: Sendable {
    private let chunks = Chan<[UInt8]>()        // what each read returned; closed at end of file
    private let readOn = Chan<Bool>()           // the test's answer after each chunk
    private let state = ThreadLocked(Taken())        // what the test has received so far

    private struct Taken {
        var bytes: [UInt8] = []   // every chunk received, in order
        var closed = false        // the test told the reader to stop: nothing more will come
    }

    init(_ fd: Int32) {
        startThread { [chunks, readOn] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { readPipe(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    chunks.close()
                    break
                }
                chunks.sendBlocking(Array(buffer[..<count]))
                if readOn.receiveBlocking() != true { break }
            }
            close(fd)
        }
    }

    /// Everything the pipe carries, up to its end of file.
    public func readAll(within timeout: Duration) async throws -> [UInt8] {
        try await read(until: { _ in false }, within: timeout)
    }

    /// Reads until `enough` holds for everything read so far (returning all of it) or the pipe
    /// ends. With `thenClose`, the pipe is closed as soon as `enough` holds, and later reads
    /// return what was read before.
    public func read(
        until enough: ([UInt8]) -> Bool,
        thenClose: Bool = false,
        within timeout: Duration
    ) async throws -> [UInt8] {
        let (soFar, closed) = state.withLock { ($0.bytes, $0.closed) }
        var all = soFar
        if closed || (enough(all) && !thenClose) { return all }
        let deadline = after(timeout)
        while true {
            let chunk = try await select {
                receive(from: chunks) { $0 }
                receive(from: deadline) { _ -> [UInt8]? in throw TimedOut(what: "output") }
            }
            guard let chunk else { return all }   // end of file
            all += chunk
            let done = enough(all)
            let stop = done && thenClose
            state.withLock { state in
                state.bytes = all
                state.closed = stop
            }
            try await readOn.send(!stop)
            if done { return all }
        }
    }
}

/// The descriptors a newly spawned child leaves us: our ends of its pipes.
private struct Spawned: Sendable {
    let pid: pid_t
    let stdout: Int32    // read end of the child's standard output
    let stderr: Int32    // read end of the child's standard error
    let stdin: Int32?    // write end of the child's standard input, when it is a pipe
}

/// Starts `path`. Call it while holding `spawning`.
private func spawn(_ path: String, arguments: [String], input: ChildInput, environment: [String: String]?) throws -> Spawned {
    let output = try makePipe(), errors = try makePipe()
    var inputPipe: (read: Int32, write: Int32)?
    var devNull: Int32 = -1
    defer {
        // The child's ends: it has its own copies now (or failed to start).
        close(output.write); close(errors.write)
        if let inputPipe { close(inputPipe.read) }
        if devNull >= 0 { close(devNull) }
    }

    var actions = SpawnFileActions()
    defer { actions.destroy() }
    switch input {
    case .pipe:
        let pipe = try makePipe()
        inputPipe = pipe
        actions.dup(pipe.read, to: 0)
    case .devNull:
        devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard devNull >= 0 else { throw SpawnError(what: "open /dev/null", code: errno) }
        actions.dup(devNull, to: 0)
    case .closed:
        actions.close(0)
    }
    actions.dup(output.write, to: 1)
    actions.dup(errors.write, to: 2)
    // Nothing else of ours reaches the child: sockets (SwiftNIO opens them without
    // close-on-exec) and any descriptor another test opens meanwhile. An inherited listening
    // socket would keep a port bound, and an inherited connection would hide its close.
    actions.closeFrom(3)

    var attributes = SpawnAttributes()
    defer { attributes.destroy() }

    let argv = ([path] + arguments).map { strdup($0) }
    let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } }
    defer {
        argv.forEach { free($0) }
        envp?.forEach { free($0) }
    }
    var child: pid_t = 0
    let result = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
        let spawn = { (envPointer: UnsafePointer<UnsafeMutablePointer<CChar>?>) in
            posix_spawn(&child, path, &actions.raw, &attributes.raw, argvBuffer.baseAddress!, envPointer)
        }
        if let envp {
            return (envp + [nil]).withUnsafeBufferPointer { spawn($0.baseAddress!) }
        }
        return spawn(UnsafePointer(environ))
    }
    guard result == 0 else {
        if let inputPipe { close(inputPipe.write) }
        close(output.read); close(errors.read)
        throw SpawnError(what: "posix_spawn \(path)", code: result)
    }
    return Spawned(pid: child, stdout: output.read, stderr: errors.read, stdin: inputPipe?.write)
}

public struct SpawnError: Error, CustomStringConvertible {
    public let what: String
    public let code: Int32
    public var description: String { "\(what): \(String(cString: strerror(code)))" }
}

/// Held from the making of a child's pipes to its spawn: a pipe is close-on-exec only from the
/// `fcntl` after `pipe` (Glibc's `pipe2` needs _GNU_SOURCE), and no other child may be spawned
/// in between and inherit it.
/// It counts the children spawned: a lock around an empty value made ThreadSanitizer report
/// the zero-sized value's accesses against the lock's own header.
private let spawning = ThreadLocked(0)

/// A pipe whose two ends are close-on-exec; `posix_spawn`'s dup2 clears the flag on the copy a
/// child gets as 0, 1 or 2. Call it while holding `spawning`.
private func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw SpawnError(what: "pipe", code: errno) }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return (fds[0], fds[1])
}

/// `read(2)`, under a name that `PipeReader.read(until:thenClose:within:)` does not hide.
private func readPipe(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `posix_spawn_file_actions_t`, which Glibc declares as a struct and Darwin as a pointer.
private struct SpawnFileActions {
    #if canImport(Darwin)
    var raw: posix_spawn_file_actions_t? = nil
    #else
    var raw = posix_spawn_file_actions_t()
    #endif

    init() { posix_spawn_file_actions_init(&raw) }
    mutating func dup(_ fd: Int32, to target: Int32) { posix_spawn_file_actions_adddup2(&raw, fd, target) }
    mutating func close(_ fd: Int32) { posix_spawn_file_actions_addclose(&raw, fd) }
    /// Closes every descriptor from `fd` up in the child. glibc 2.34 and later has the action,
    /// but Swift's Glibc module does not declare it (it is a GNU extension): look it up.
    mutating func closeFrom(_ fd: Int32) {
        #if canImport(Glibc)
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&raw, fd)
        #endif
    }
    mutating func destroy() { posix_spawn_file_actions_destroy(&raw) }
}

/// `posix_spawnattr_t` set so that the child starts as a shell would start it: no blocked
/// signals, and SIGPIPE's default action (a runner that ignores SIGPIPE would otherwise pass
/// that on through exec).
private struct SpawnAttributes {
    #if canImport(Darwin)
    var raw: posix_spawnattr_t? = nil
    #else
    var raw = posix_spawnattr_t()
    #endif

    init() {
        posix_spawnattr_init(&raw)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&raw, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&raw, &mask)
        posix_spawnattr_setflags(&raw, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    }

    mutating func destroy() { posix_spawnattr_destroy(&raw) }
}
