import Channels
import ChannelsNet
import Foundation
import ProgramTesting
import Testing

/// A free TCP port on 127.0.0.1 for a program under test, below Linux's ephemeral range
/// (32768 and up): a port the kernel picks for a listener is also one it may give to the next
/// outgoing connection as its local port, and a server could then not bind it. Each call takes
/// the next port from a random start, and checks that it can be listened on.
func freePort() async throws -> Int {
    while true {
        let port = nextPort.withLock { next in
            defer { next = next >= 32000 ? 20000 : next + 1 }
            return next
        }
        guard let listener = try? await Net.listen("tcp", "127.0.0.1:\(port)") else { continue }
        await listener.closeAndWait()
        return port
    }
}

private let nextPort = ThreadLocked(Int.random(in: 20000..<31000))

/// Whether something listens on 127.0.0.1:`port`, from the kernel's table (no connection is
/// made: a probe connection would be a client to clock1 or chat).
func isListening(port: Int) -> Bool {
    guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return false }
    let local = String(format: ":%04X", port)
    return table.split(separator: "\n").dropFirst().contains { row in
        let fields = row.split(separator: " ")
        return fields.count > 3 && fields[1].hasSuffix(local) && fields[3] == "0A"   // 0A: LISTEN
    }
}

/// Checks `condition` every few milliseconds until it holds; throws after `timeout`.
func waitUntil(within timeout: Duration, _ what: String, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
        _ = try await after(.milliseconds(5)).receive()
    }
}

/// The environment for a program under test that should use `port` instead of 8000.
func environment(port: Int) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["GOPL_PORT"] = String(port)
    return environment
}

/// A server program running on a port of its own.
struct Server: Sendable {
    let child: ChildProcess
    let port: Int

    /// Starts the program at `path` on a free port (or `port`) and waits until it listens.
    static func start(_ path: String, port: Int? = nil, environment extra: [String: String] = [:]) async throws -> Server {
        let port = if let port { port } else { try await freePort() }
        // A fixed port may still be held by the previous test's server, killed a moment ago.
        try await waitUntil(within: .seconds(10), "port \(port) to be free") { !isListening(port: port) }
        let child = try ChildProcess(path, input: .devNull, environment: environment(port: port).merging(extra) { $1 })
        let server = Server(child: child, port: port)
        // The programs, as the originals, print nothing once they listen: look for the socket
        // in the kernel's table, every few milliseconds, for at most ten seconds.
        do {
            try await waitUntil(within: .seconds(10), "\(path) to listen on port \(port)") { isListening(port: port) }
        } catch {
            child.finish()
            throw error
        }
        return server
    }

    func dial() async throws -> TestClient {
        try await TestClient.dial(port: port)
    }

    /// What each descriptor the server has open refers to, as `/proc` shows it: `socket:[…]`,
    /// `pipe:[…]`, `anon_inode:[eventfd]`, a path.
    var descriptorTargets: [String] {
        let directory = "/proc/\(child.pid)/fd"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + $0) }
    }

    /// The server's open sockets: its listener and every connection it has not yet closed. Only
    /// sockets: the runtimes under the program open other descriptors when they please (a file
    /// read at startup, a thread's wake-up descriptor), and a connection is a socket.
    var openSockets: Int { descriptorTargets.count { $0.hasPrefix("socket:") } }

    /// Expects the server to be back to `baseline` sockets: it waits, for at most `timeout`, for
    /// the connections closed so far to go (a closed connection's descriptor goes a moment after
    /// the events a test can see), and on a mismatch names every descriptor still open.
    func expectSockets(
        backTo baseline: Int, within timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while openSockets > baseline && ContinuousClock.now < deadline {
            _ = try await after(.milliseconds(10)).receive()
        }
        let open = openSockets
        #expect(open == baseline, "sockets open: \(open), at the start: \(baseline); descriptors: \(descriptorTargets)",
                sourceLocation: sourceLocation)
    }

    /// Whether the server is still running.
    var isRunning: Bool { kill(child.pid, 0) == 0 && (try? String(contentsOfFile: "/proc/\(child.pid)/stat", encoding: .utf8))?.contains(") Z ") != true }

    func stop() { child.finish() }

    /// The goroutines of a server started with `SWIFT_CHANNELS_DUMP_ON_SIGQUIT=1`, from the dump
    /// it prints on SIGQUIT: one paragraph per goroutine. Reads on until the dump's last line.
    func goroutineDump(within timeout: Duration = .seconds(10)) async throws -> [String] {
        let before = try await child.stderr.read(until: { _ in true }, within: .milliseconds(1))
        kill(child.pid, SIGQUIT)
        let all = try await child.stderr.read(until: { bytes in
            String(decoding: bytes.dropFirst(before.count), as: UTF8.self).contains("SIGQUIT: end of dump")
        }, within: timeout)
        let dump = String(decoding: all.dropFirst(before.count), as: UTF8.self)
        return dump.components(separatedBy: "\n\n").filter { $0.hasPrefix("goroutine ") }
    }

    /// Stops the server and expects it to have written nothing to standard error: no error
    /// logged and (under ThreadSanitizer) no data race reported. A failure shows what it wrote,
    /// at the caller's line; an `#expect` around the `await` would show nothing.
    func stopExpectingNoErrors(sourceLocation: SourceLocation = #_sourceLocation) async {
        child.finish()
        let bytes = (try? await child.stderr.readAll(within: .seconds(10))) ?? Array("(unreadable)".utf8)
        let errors = String(decoding: bytes, as: UTF8.self)
        #expect(errors == "", "the server's standard error", sourceLocation: sourceLocation)
    }

    /// How the server ended and what it said on standard error, if it has ended: for the
    /// message of a test that finds the server gone.
    func postMortem() async -> String {
        guard let status = try? await child.exitStatus(within: .milliseconds(100)) else { return "still running" }
        let errors = (try? await child.stderr.readAll(within: .seconds(1))) ?? []
        return "\(status); standard error: \(String(decoding: errors, as: UTF8.self))"
    }
}

/// Go's log prefix, `YYYY/MM/DD HH:MM:SS `, taken off each line of `text`.
func withoutLogPrefix(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.isEmpty ? "" : line.wholeMatch(of: /\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (.*)/).map { String($0.1) } ?? "!unprefixed: " + line
    }.joined(separator: "\n")
}
