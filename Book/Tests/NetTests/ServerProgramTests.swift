// The clock and reverb servers and the netcat clients, run as the built programs on ports of
// their own (GOPL_PORT) and driven over loopback.
import Channels
import ChannelsNet
import ProgramTesting
import Testing

typealias ExitStatus = ProgramTesting.ExitStatus

/// Whether `text` is a time of day as the clocks write it, `HH:MM:SS`.
private func isTimeOfDay(_ text: some StringProtocol) -> Bool {
    String(text).wholeMatch(of: /\d\d:\d\d:\d\d/) != nil
}

@Suite("Clock, reverb and netcat", .timeLimit(.minutes(2)))
struct ServerProgramTests {
    @Test func clock1ServesOneClientAtATime() async throws {
        let server = try await Server.start(try Programs.swift("clock1"))
        defer { server.stop() }
        // Given a first client being served
        let first = try await server.dial()
        #expect(try await isTimeOfDay(first.text()))
        // When a second client connects and the first reads two more ticks
        let second = try await server.dial()
        _ = try await first.text()
        _ = try await first.text()
        first.close()
        let firstClosed = ContinuousClock.now
        // Then the second is served only once the first has gone
        let served = try #require(try await second.line(within: .seconds(10)))
        #expect(isTimeOfDay(served.text))
        #expect(served.at > firstClosed)
        second.close()
        await server.stopExpectingNoErrors()
    }

    @Test func clock2ServesClientsAtOnce() async throws {
        let server = try await Server.start(try Programs.swift("clock2"))
        defer { server.stop() }
        let clients = try await [server.dial(), server.dial(), server.dial()]
        // Every client gets two ticks, a second apart (so two different times), while all are
        // connected.
        for client in clients {
            let one = try await client.text()
            let two = try await client.text()
            #expect(isTimeOfDay(one) && isTimeOfDay(two))
            #expect(one != two)
        }
        clients.forEach { $0.close() }
        await server.stopExpectingNoErrors()
    }

    @Test func reverb1EchoesLoudNormalSoftASecondApart() async throws {
        let server = try await Server.start(try Programs.swift("reverb1"))
        defer { server.stop() }
        let client = try await server.dial()
        let sent = ContinuousClock.now
        try await client.send("Hello, World")
        let echoes = try await [client.line(), client.line(), client.line()].map { try #require($0) }
        #expect(echoes.map(\.text) == ["\t HELLO, WORLD", "\t Hello, World", "\t hello, world"])
        // Timers never fire early, so the lower bounds hold on any machine; a loaded one may
        // deliver a line late, so the spacing has only a generous upper bound.
        #expect(echoes[1].at - sent >= .milliseconds(990))
        #expect(echoes[2].at - sent >= .milliseconds(1990))
        for (earlier, later) in zip(echoes, echoes.dropFirst()) {
            #expect(later.at - earlier.at < .seconds(3))
        }
        // Half-closing ends the session once the echoes are done: reverb1 echoes one line at a time.
        client.conn.closeWrite()
        #expect(try await client.linesToEnd().isEmpty)
        await server.stopExpectingNoErrors()
    }

    @Test func reverb1EchoesOneLineAfterTheOther() async throws {
        let server = try await Server.start(try Programs.swift("reverb1"))
        defer { server.stop() }
        let client = try await server.dial()
        try await client.send("Ab")
        try await client.send("Cd")
        var texts: [String] = []
        for _ in 0..<6 { texts.append(try await client.text()) }
        #expect(texts == ["\t AB", "\t Ab", "\t ab", "\t CD", "\t Cd", "\t cd"])
        client.close()
    }

    @Test func reverb2OverlapsTheEchoes() async throws {
        let server = try await Server.start(try Programs.swift("reverb2"))
        defer { server.stop() }
        let client = try await server.dial()
        let sent = ContinuousClock.now
        try await client.send("Ab")
        try await client.send("Cd")
        var lines: [Line] = []
        for _ in 0..<6 { lines.append(try #require(try await client.line())) }
        // Each second brings one echo of each line, in either order.
        let rounds = stride(from: 0, to: 6, by: 2).map { Set([lines[$0].text, lines[$0 + 1].text]) }
        #expect(rounds == [["\t AB", "\t CD"], ["\t Ab", "\t Cd"], ["\t ab", "\t cd"]])
        // (reverb1 would send all three of the first line's echoes before any of the second's.)
        #expect(lines[2].at - sent >= .milliseconds(990))
        #expect(lines[4].at - sent >= .milliseconds(1990))
        client.close()
        await server.stopExpectingNoErrors()
    }

    @Test func reverbEchoesUnicodeAsGosCaseMapping() async throws {
        let server = try await Server.start(try Programs.swift("reverb2"))
        defer { server.stop() }
        let client = try await server.dial()
        try await client.send("Straße Éa")
        let texts = try await [client.text(), client.text(), client.text()]
        #expect(texts == ["\t STRAßE ÉA", "\t Straße Éa", "\t straße éa"])   // Go keeps ß: rune by rune
        client.close()
    }

    @Test func netcat1CopiesTheConnectionToStandardOutput() async throws {
        let server = try await Server.start(try Programs.swift("clock2"))
        defer { server.stop() }
        let netcat = try ChildProcess(try Programs.swift("netcat1"), input: .devNull,
                                      environment: environment(port: server.port))
        defer { netcat.finish() }
        let output = try await netcat.stdout.read(until: { $0.filter { $0 == 10 }.count >= 2 }, within: .seconds(10))
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count >= 2 && lines.allSatisfy { isTimeOfDay($0) })
        // netcat1 ignores its standard input (here at end of file) and keeps copying.
        server.stop()
        #expect(try await netcat.exitStatus(within: .seconds(10)) == .exited(0))
    }

    @Test func netcat2CopiesStandardInputToTheConnection() async throws {
        let server = try await Server.start(try Programs.swift("reverb1"))
        defer { server.stop() }
        let netcat = try ChildProcess(try Programs.swift("netcat2"), input: .pipe,
                                      environment: environment(port: server.port))
        defer { netcat.finish() }
        netcat.writeToStdin(Array("Hi\n".utf8))
        let output = try await netcat.stdout.read(until: { $0.filter { $0 == 10 }.count >= 3 }, within: .seconds(10))
        #expect(String(decoding: output, as: UTF8.self) == "\t HI\n\t Hi\n\t hi\n")
        // At the end of its input netcat2 closes the connection and exits.
        netcat.closeStdin()
        #expect(try await netcat.exitStatus(within: .seconds(10)) == .exited(0))
    }

    @Test func netcat3HalfClosesAndStillReceivesTheEchoes() async throws {
        // reverb1 finishes echoing a line before it reads the end of file, so every echo
        // comes after netcat3's input ended: only a half-close lets them through.
        let server = try await Server.start(try Programs.swift("reverb1"))
        defer { server.stop() }
        let netcat = try ChildProcess(try Programs.swift("netcat3"), input: .pipe,
                                      environment: environment(port: server.port))
        defer { netcat.finish() }
        netcat.writeToStdin(Array("Hello\n".utf8))
        netcat.closeStdin()
        async let errors = netcat.stderr.readAll(within: .seconds(20))
        let output = try await netcat.stdout.readAll(within: .seconds(20))
        #expect(String(decoding: output, as: UTF8.self) == "\t HELLO\n\t Hello\n\t hello\n")
        #expect(withoutLogPrefix(String(decoding: try await errors, as: UTF8.self)) == "done\n")
        #expect(try await netcat.exitStatus(within: .seconds(10)) == .exited(0))
    }

    @Test func netcat3AgainstReverb2EndsWhenTheServerCloses() async throws {
        // reverb2 closes the connection as soon as it reads the end of file, with its echo
        // goroutines still sleeping; their later writes fail, as the original's do.
        let server = try await Server.start(try Programs.swift("reverb2"))
        defer { server.stop() }
        let netcat = try ChildProcess(try Programs.swift("netcat3"), input: .pipe,
                                      environment: environment(port: server.port))
        defer { netcat.finish() }
        netcat.writeToStdin(Array("Hello\n".utf8))
        _ = try await netcat.stdout.read(until: { $0.contains(10) }, within: .seconds(10))
        netcat.closeStdin()
        async let errors = netcat.stderr.readAll(within: .seconds(20))
        let output = String(decoding: try await netcat.stdout.readAll(within: .seconds(20)), as: UTF8.self)
        // The first echo, and no more than the echoes that were already on their way when the
        // server closed: on a slow run (ThreadSanitizer) the close can take over a second to
        // travel, and the next echo overtakes it.
        #expect(output.hasPrefix("\t HELLO\n") && "\t HELLO\n\t Hello\n\t hello\n".hasPrefix(output), "\(output)")
        #expect(withoutLogPrefix(String(decoding: try await errors, as: UTF8.self)) == "done\n")
        #expect(try await netcat.exitStatus(within: .seconds(10)) == .exited(0))
        #expect(server.isRunning)
        await server.stopExpectingNoErrors()
    }

    @Test("a server that cannot listen says so as Go does and exits 1",
          arguments: ["clock1", "clock2", "reverb1", "reverb2", "chat"])
    func bindFailure(_ program: String) async throws {
        let taken = try await Net.listen("tcp", "127.0.0.1:0")
        defer { taken.close() }
        let port = Int(taken.address.split(separator: ":").last!)!
        let child = try ChildProcess(try Programs.swift(program), input: .devNull, environment: environment(port: port))
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(10))
        #expect(try await child.stdout.readAll(within: .seconds(10)).isEmpty)
        #expect(withoutLogPrefix(String(decoding: try await errors, as: UTF8.self))
                == "listen tcp 127.0.0.1:\(port): bind: address already in use\n")
        #expect(try await child.exitStatus(within: .seconds(10)) == .exited(1))
    }

    @Test("a client that cannot connect says so as Go does and exits 1",
          arguments: ["netcat1", "netcat2", "netcat3"])
    func dialFailure(_ program: String) async throws {
        let port = try await freePort()
        let child = try ChildProcess(try Programs.swift(program), input: .devNull, environment: environment(port: port))
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(10))
        #expect(try await child.stdout.readAll(within: .seconds(10)).isEmpty)
        #expect(withoutLogPrefix(String(decoding: try await errors, as: UTF8.self))
                == "dial tcp 127.0.0.1:\(port): connect: connection refused\n")
        #expect(try await child.exitStatus(within: .seconds(10)) == .exited(1))
    }
}
