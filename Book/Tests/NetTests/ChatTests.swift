// chat, run as the built program on a port of its own: the original's messages, and a server
// that survives clients which vanish, send huge lines, or never read, and a thousand clients.
import Channels
import ChannelsNet
import ProgramTesting
import Testing

@Suite("chat", .timeLimit(.minutes(3)))
struct ChatTests {
    /// A client that has read its greeting and is among those the broadcaster sends to.
    ///
    /// The greeting comes before the client is entered (as in the original), so a client
    /// that only read it may still miss the next arrival. Hearing back a line of its own
    /// proves it entered: it sends an empty line, which everyone present receives as
    /// "<address>: ".
    private func join(_ server: Server) async throws -> TestClient {
        let client = try await server.dial()
        do {
            #expect(try await client.text() == "You are \(client.address)")
        } catch {
            Issue.record("chat: \(await server.postMortem())")
            throw error
        }
        try await client.send("")
        try await client.lines(until: { $0 == "\(client.address): " })
        return client
    }

    @Test func arrivalBroadcastAndDeparture() async throws {
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let a = try await join(server)
        let b = try await join(server)
        #expect(try await a.text() == "\(b.address) has arrived")
        #expect(try await a.text() == "\(b.address): ")   // b's own empty line: see join

        try await b.send("hello")
        #expect(try await a.text() == "\(b.address): hello")
        #expect(try await b.text() == "\(b.address): hello")   // the sender too

        try await a.send("")   // an empty line is a message, as the original's scanner has it
        #expect(try await a.text() == "\(a.address): ")
        #expect(try await b.text() == "\(a.address): ")

        let bAddress = b.address
        b.close()
        #expect(try await a.text() == "\(bAddress) has left")
        a.close()
        await server.stopExpectingNoErrors()
    }

    @Test func aClientThatHalfClosesIsToldOfNothingMoreButItsDeparture() async throws {
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let a = try await join(server)
        let b = try await join(server)
        #expect(try await a.text() == "\(b.address) has arrived")
        #expect(try await a.text() == "\(b.address): ")
        // b's end of input is its departure: the server closes b, and only a hears of it.
        b.conn.closeWrite()
        #expect(try await b.linesToEnd().isEmpty)
        #expect(try await a.text() == "\(b.address) has left")
        a.close()
        await server.stopExpectingNoErrors()
    }

    @Test func survivesVanishingClientsAndHugeLines() async throws {
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let observer = try await join(server)
        let baseline = server.openSockets

        // A client that vanishes without reading its greeting: closing with unread data
        // resets the connection.
        let vanishing = try await Net.dial("tcp", "127.0.0.1:\(server.port)")
        let vanishingAddress = vanishing.localAddress
        try await observer.lines(until: { $0 == "\(vanishingAddress) has arrived" })
        vanishing.close()
        try await observer.lines(until: { $0 == "\(vanishingAddress) has left" })

        // A client that sends a line of 1 MB: past Go's 64 KiB, its session ends.
        let huge = try await join(server)
        try await observer.lines(until: { $0 == "\(huge.address) has arrived" })
        try? await huge.conn.write([UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20))
        try await observer.lines(until: { $0 == "\(huge.address) has left" })
        huge.close()

        // The server still serves, and has let go of both connections.
        try await observer.send("still here")
        try await observer.lines(until: { $0 == "\(observer.address): still here" })
        try await server.expectSockets(backTo: baseline)
        #expect(server.isRunning)
        observer.close()
        await server.stopExpectingNoErrors()
    }

    @Test func aClientThatNeverReadsIsDroppedWithoutStallingTheOthers() async throws {
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let talker = try await join(server)
        let baseline = server.openSockets
        // Given a client that never reads
        let deaf = try await Net.dial("tcp", "127.0.0.1:\(server.port)")
        let deafAddress = deaf.localAddress
        try await talker.lines(until: { $0 == "\(deafAddress) has arrived" })
        // When the talker sends 4 KB lines in bursts of 16, waiting to receive each burst back
        // (the deaf client's socket buffers take some megabytes, then its 1,024 messages)
        let line = String(repeating: "y", count: 4 * 1024)
        var dropped = false
        var sent = 0
        while !dropped && sent < 20_000 {
            for _ in 0..<16 { try await talker.send(line) }
            sent += 16
            var echoed = 0
            try await talker.lines(until: { text in
                if text == "\(deafAddress) has left" { dropped = true }
                if text.hasSuffix(line) { echoed += 1 }
                return echoed == 16
            })
        }
        // Then the deaf client is dropped, and the talker carried on all along
        if !dropped {
            try await talker.lines(until: { $0 == "\(deafAddress) has left" }, within: .seconds(10))
        }
        try await talker.send("after")
        try await talker.lines(until: { $0 == "\(talker.address): after" })
        deaf.close()
        try await server.expectSockets(backTo: baseline)
        #expect(server.isRunning)
        talker.close()
        await server.stopExpectingNoErrors()
    }

    @Test func aBurstReachesEveryClientThatReadsAndClosesNoOne() async throws {
        // Given 200 clients, all reading as fast as they can on this process's event loop
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let talker = try await join(server)
        let listeners = try await withThrowingTaskGroup(of: BurstListener.self) { group in
            for _ in 0..<199 {
                group.addTask { try await BurstListener.join(port: server.port) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // When one of them sends 2,000 lines at once, in writes of 50 lines
        let lineCount = 2_000
        let prefix = "\(talker.address): burst "
        for first in stride(from: 0, to: lineCount, by: 50) {
            try await talker.conn.write((first..<first + 50).map { "burst \($0)\n" }.joined())
        }
        // Then every line reaches every client, in order, and nobody is closed
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for listener in listeners {
                group.addTask { try await listener.count(prefix, upTo: lineCount) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.count == 199)
        #expect(counts.allSatisfy { $0 == lineCount }, "lines received per client: \(counts.sorted().prefix(5))…")
        let own = try await talker.lines(until: { $0 == prefix + "\(lineCount - 1)" })
        #expect(own.filter { $0.hasPrefix(prefix) }.count == lineCount)
        #expect(!own.contains { $0.hasSuffix(" has left") }, "a client was closed")
        for listener in listeners { listener.conn.close() }
        talker.close()
        await server.stopExpectingNoErrors()
    }

    @Test func aClientThatPausesDuringABurstLosesNothing() async throws {
        // Given a client that stops reading for a second while 16 MB are broadcast, more than
        // the kernel's socket buffers and the client's queue hold together
        let server = try await Server.start(try Programs.swift("chat"))
        defer { server.stop() }
        let talker = try await join(server)
        let pauser = try await BurstListener.join(port: server.port)
        let lineCount = 4_000
        let payload = String(repeating: "z", count: 4 * 1024)
        let prefix = "\(talker.address): burst "
        async let sent: Void = {
            for first in stride(from: 0, to: lineCount, by: 50) {
                try await talker.conn.write((first..<first + 50).map { "burst \($0) \(payload)\n" }.joined())
            }
        }()
        // When it pauses (its socket takes nothing meanwhile), then reads on
        _ = try await after(.seconds(1)).receive()
        // Then it gets every line, in order, and nobody is closed: it was slow, not gone
        let count = try await pauser.count(prefix, upTo: lineCount, suffix: " " + payload)
        #expect(count == lineCount)
        try await sent
        let own = try await talker.lines(until: { $0.hasPrefix(prefix + "\(lineCount - 1) ") })
        #expect(!own.contains { $0.hasSuffix(" has left") }, "a client was closed")
        pauser.conn.close()
        talker.close()
        await server.stopExpectingNoErrors()
    }

    @Test func aThousandClientsConnectChatAndLeave() async throws {
        let server = try await Server.start(try Programs.swift("chat"), environment: ["SWIFT_CHANNELS_DUMP_ON_SIGQUIT": "1"])
        defer { server.stop() }
        let baseline = server.openSockets
        // Bounded by the suite's time limit: 10 s here, 45 s under ThreadSanitizer.
        // Ten waves of a hundred clients at once: each joins, says its line, waits to hear it
        // back, and leaves. (All thousand at once would send each of them some 3000 lines.)
        for wave in 0..<10 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let client = try await server.dial()
                        let greeting = try await client.text()
                        let said = "client \(wave * 100 + index) says hello"
                        try await client.send(said)
                        try await client.lines(until: { $0 == "\(client.address): \(said)" })
                        #expect(greeting == "You are \(client.address)")
                        client.close()
                    }
                }
                try await group.waitForAll()
            }
        }

        // The server is still up and chatting, and has closed every connection.
        let last = try await join(server)
        try await last.send("bye")
        try await last.lines(until: { $0 == "\(last.address): bye" })
        last.close()
        try await server.expectSockets(backTo: baseline)
        #expect(server.isRunning)
        // No goroutine is left over from the thousand clients: the server's dump (on SIGQUIT)
        // is back to the main goroutine in its accept loop, the broadcaster and the listener's
        // pump. A connection's goroutines end a moment after its descriptor closes: ask again
        // until they have, for a few seconds at most.
        var goroutines = try await server.goroutineDump()
        let deadline = ContinuousClock.now + .seconds(10)
        while goroutines.count > 3 && ContinuousClock.now < deadline {
            _ = try await after(.milliseconds(50)).receive()
            goroutines = try await server.goroutineDump()
        }
        #expect(goroutines.count == 3, "left over:\n\(goroutines.joined(separator: "\n\n"))")
        #expect(goroutines.contains { $0.contains("main goroutine, run by runMain") })
        server.stop()
    }
}

/// A chat client for the burst test: it joins, then only counts the lines of the burst, so that
/// 199 of them hold no more than a line at a time.
private struct BurstListener: Sendable {
    let conn: Conn
    private let lines: Chan<String>   // the connection's lines, read by a goroutine of its own

    /// Dials, reads the greeting, and waits to hear its own empty line back: from then on the
    /// broadcaster sends it every message.
    static func join(port: Int) async throws -> BurstListener {
        let conn = try await Net.dial("tcp", "127.0.0.1:\(port)")
        let lines = Chan<String>(capacity: 64)
        go {
            do {
                for try await line in conn.lines { try await lines.send(line) }
            } catch {
                // Closed or failed: the end of the lines either way.
            }
            lines.close()
        }
        let listener = BurstListener(conn: conn, lines: lines)
        try await conn.write("\n")
        _ = try await listener.count("", upTo: 0, until: "\(conn.localAddress): ")
        return listener
    }

    /// Reads lines until `upTo` lines starting with `prefix` have come, in order (`prefix0`,
    /// `prefix1`, …, each ending with `suffix`), or until the line `until`; returns how many came. Fails on a departure:
    /// no one may be closed.
    func count(_ prefix: String, upTo wanted: Int, suffix: String = "", until last: String? = nil) async throws -> Int {
        var seen = 0
        while seen < wanted || last != nil {
            let line = try await select {
                receive(from: lines) { $0 }
                receive(from: after(.seconds(60))) { _ -> String? in throw TimedOut(what: "line \(seen) of the burst") }
            }
            guard let line else { throw TimedOut(what: "line \(seen) of the burst, but the server closed the connection") }
            if line == last { return seen }
            if line.hasSuffix(" has left") { Issue.record("a client was closed: \(line)") }
            if !prefix.isEmpty, line.hasPrefix(prefix) {
                let inOrder = line == prefix + "\(seen)" + suffix
                #expect(inOrder, "line \(seen) of the burst: \(line.prefix(prefix.count + 12))…")
                seen += 1
            }
        }
        return seen
    }
}
