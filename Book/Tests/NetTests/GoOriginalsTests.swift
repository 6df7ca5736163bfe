// Our programs against the Go originals, byte for byte, where Go and gopl.io are at hand (not
// on CI). The originals listen on and dial localhost:8000 only, so these tests take turns on
// port 8000, and are skipped, saying why, when it is in use.
import Channels
import ChannelsNet
import Foundation
import ProgramTesting
import Testing

extension GoOriginals {
    /// The network originals, built once per test run beside the test bundle.
    static func netDirectory() async throws -> String {
        try await netOriginals.value
    }

    private static let netOriginals = Task<String, any Error> {
        try await build(["clock1", "netcat1", "reverb1", "chat"], into: "gopl-net-originals")
    }
}

private let bookPort = 8000

@Suite("The Go network originals", .serialized, .timeLimit(.minutes(3)),
       .enabled(if: GoOriginals.available, GoOriginals.skipReason),
       .enabled(if: !isListening(port: bookPort), "port 8000, which the originals need, is in use"))
struct GoNetOriginalsTests {
    /// The path of each side's `program`.
    private func both(_ program: String) async throws -> (go: String, swift: String) {
        (try await GoOriginals.netDirectory() + "/" + program, try Programs.swift(program))
    }

    /// Standard error without Go's log prefix, and the exit status, of `path` run to its end.
    private func failure(_ path: String) async throws -> (String, ExitStatus) {
        let child = try ChildProcess(path, input: .devNull, environment: environment(port: bookPort))
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(20))
        _ = try await child.stdout.readAll(within: .seconds(20))
        return (withoutLogPrefix(String(decoding: try await errors, as: UTF8.self)),
                try await child.exitStatus(within: .seconds(20)))
    }

    @Test func bindFailureMatches() async throws {
        let taken = try await Net.listen("tcp", "127.0.0.1:\(bookPort)")
        let (go, swift) = try await both("clock1")
        let original = try await failure(go)
        let port = try await failure(swift)
        await taken.closeAndWait()   // free for the next test
        #expect(original == ("listen tcp 127.0.0.1:8000: bind: address already in use\n", .exited(1)))
        #expect(port == original)
    }

    @Test func dialFailureMatches() async throws {
        let (go, swift) = try await both("netcat1")
        let original = try await failure(go)
        #expect(original == ("dial tcp 127.0.0.1:8000: connect: connection refused\n", .exited(1)))
        #expect(try await failure(swift) == original)
    }

    /// What a client of `server` that sends `input` and half-closes receives, to the end.
    private func session(_ server: String, input: String) async throws -> [UInt8] {
        let running = try await Server.start(server, port: bookPort)
        defer { running.stop() }
        let conn = try await Net.dial("tcp", "127.0.0.1:\(bookPort)")
        defer { conn.close() }
        try await conn.write(input)
        conn.closeWrite()
        var received: [UInt8] = []
        for try await chunk in conn.chunks { received += chunk }
        return received
    }

    @Test func reverbBytesMatch() async throws {
        let (go, swift) = try await both("reverb1")
        let input = "Hello, Straße\nbye\r\n"
        let original = try await session(go, input: input)
        #expect(try await session(swift, input: input) == original)
    }

    @Test func clockWritesTheSameFormat() async throws {
        for path in try await [both("clock1").go, both("clock1").swift] {
            let server = try await Server.start(path, port: bookPort)
            defer { server.stop() }
            let client = try await server.dial()
            let first = try await client.text()
            #expect(first.wholeMatch(of: /\d\d:\d\d:\d\d/) != nil, "\(path)")
            client.close()
        }
    }

    /// Two clients' views of a conversation on `server`, with their addresses replaced by A
    /// and B.
    private func conversation(_ server: String) async throws -> [String] {
        let running = try await Server.start(server, port: bookPort)
        defer { running.stop() }
        // Each client's greeting comes before the broadcaster enters it, so a client proves it
        // is in by hearing back an empty line of its own before the next client connects.
        let a = try await running.dial()
        var seen = ["A< " + (try await a.text()).replacingOccurrences(of: a.address, with: "A")]
        try await a.send("")
        seen.append("A< " + (try await a.text()).replacingOccurrences(of: a.address, with: "A"))
        let b = try await running.dial()
        func anonymous(_ line: String) -> String {
            line.replacingOccurrences(of: a.address, with: "A").replacingOccurrences(of: b.address, with: "B")
        }
        seen.append("B< " + anonymous(try await b.text()))   // You are B
        seen.append("A< " + anonymous(try await a.text()))   // B has arrived
        try await b.send("hi")
        seen.append("A< " + anonymous(try await a.text()))
        seen.append("B< " + anonymous(try await b.text()))
        let bAddress = b.address
        b.close()
        seen.append("A< " + (try await a.text()).replacingOccurrences(of: bAddress, with: "B"))
        a.close()
        return seen
    }

    @Test func chatConversationMatches() async throws {
        let (go, swift) = try await both("chat")
        let original = try await conversation(go)
        #expect(original == ["A< You are A", "A< A: ", "B< You are B", "A< B has arrived",
                             "A< B: hi", "B< B: hi", "A< B has left"])
        #expect(try await conversation(swift) == original)
    }
}
