// ChannelsNet itself, over real loopback sockets: listen, accept, dial, lines, chunks, write,
// half-close, close, the remote address, and Go's error texts. Every wait is for an event.
import Channels
import ChannelsNet
import NIOCore
import ProgramTesting
import Testing

@Suite("ChannelsNet", .timeLimit(.minutes(1)))
struct ChannelsNetTests {
    /// A listener on a free loopback port, a client dialled to it, and the accepted end.
    private func connectedPair() async throws -> (listener: Listener, client: Conn, server: Conn) {
        let listener = try await Net.listen("tcp", "127.0.0.1:0")
        async let accepted = listener.accept()
        let client = try await Net.dial("tcp", listener.address)
        return (listener, client, try await accepted)
    }

    @Test func acceptAndDialSeeEachOthersAddresses() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close(); server.close() }
        #expect(listener.address.wholeMatch(of: /127\.0\.0\.1:\d+/) != nil)
        #expect(client.remoteAddress == listener.address)
        #expect(server.localAddress == listener.address)
        #expect(server.remoteAddress == client.localAddress)
        #expect(client.localAddress.wholeMatch(of: /127\.0\.0\.1:\d+/) != nil)
    }

    @Test func linesSplitAsGosScanner() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close(); server.close() }
        // Given CRLF, an empty line, a lone "\r" inside a line, and a last line without "\n"
        try await client.write("one\r\n\ntwo\rthree\nlast")
        client.closeWrite()
        // When the server reads lines to the end
        var lines: [String] = []
        for try await line in server.lines { lines.append(line) }
        // Then they are bufio.ScanLines' tokens
        #expect(lines == ["one", "", "two\rthree", "last"])
    }

    @Test func bytesArriveAsWritten() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close(); server.close() }
        let sent = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        async let written: Void = { try await client.write(sent); client.closeWrite() }()
        var received: [UInt8] = []
        for try await chunk in server.chunks { received += chunk }
        try await written
        #expect(received == sent)
    }

    @Test func halfCloseLetsThePeerAnswerAfterEndOfFile() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close(); server.close() }
        // Given a client that sends a question and closes its sending side
        try await client.write("question\n")
        client.closeWrite()
        // When the server reads to end of file and only then answers
        var asked: [String] = []
        for try await line in server.lines { asked.append(line) }
        try await server.write("answer\n")
        server.close()
        // Then the client still receives the answer, then end of file
        var answers: [String] = []
        for try await line in client.lines { answers.append(line) }
        #expect(asked == ["question"])
        #expect(answers == ["answer"])
    }

    @Test func closeEndsThePeersReading() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close() }
        try await server.write("bye\n")
        server.close()
        var lines: [String] = []
        for try await line in client.lines { lines.append(line) }
        #expect(lines == ["bye"])
        await #expect(throws: NetError.self) { try await server.write("after close\n") }
    }

    @Test func writeToAVanishedPeerFails() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); server.close() }
        client.close()
        for try await _ in server.lines {}   // the peer has gone: end of file
        // The first write may reach the kernel before the peer's reset comes back; a write
        // after that fails. A thousand is far more than loopback ever needs.
        var failure: NetError?
        for _ in 0..<1000 where failure == nil {
            do { try await server.write("tick\n") } catch { failure = error }
        }
        let error = try #require(failure)
        #expect(error.description.hasPrefix("write tcp \(server.localAddress)->\(server.remoteAddress): "))
        // and every write after it fails cleanly too, as on a closed channel
        await #expect(throws: NetError.self) { try await server.write("again\n") }
    }

    @Test func aLineLongerThanGosLimitEndsTheLines() async throws {
        let (listener, client, server) = try await connectedPair()
        defer { listener.close(); client.close(); server.close() }
        async let sent: Void = client.write([UInt8](repeating: UInt8(ascii: "x"), count: 200_000))
        let error = await #expect(throws: NetError.self) {
            for try await _ in server.lines {}
        }
        #expect(error?.description.hasSuffix(": bufio.Scanner: token too long") == true)
        server.close()
        _ = try? await sent
    }

    @Test func dialingAClosedPortFailsAsGo() async throws {
        let port = try await freePort()
        let error = await #expect(throws: NetError.self) { try await Net.dial("tcp", "localhost:\(port)") }
        #expect(error?.description == "dial tcp 127.0.0.1:\(port): connect: connection refused")
    }

    @Test func listeningOnATakenPortFailsAsGo() async throws {
        let listener = try await Net.listen("tcp", "127.0.0.1:0")
        defer { listener.close() }
        let port = listener.address.split(separator: ":").last!
        let error = await #expect(throws: NetError.self) { try await Net.listen("tcp", "localhost:\(port)") }
        #expect(error?.description == "listen tcp 127.0.0.1:\(port): bind: address already in use")
    }

    @Test func acceptAfterCloseFails() async throws {
        let listener = try await Net.listen("tcp", "127.0.0.1:0")
        let waiting = Task { try await listener.accept() }
        listener.close()
        listener.close()   // a second close does nothing
        let error = await #expect(throws: NetError.self) { _ = try await waiting.value }
        #expect(error?.description == "accept tcp \(listener.address): use of closed network connection")
    }

    @Test func addressesWithoutAPortAreRejected() async throws {
        let error = await #expect(throws: NetError.self) { try await Net.dial("tcp", "localhost") }
        #expect(error?.description.hasPrefix("dial tcp localhost: ") == true)
    }

    @Test func goLineDecoderKeepsPartialLinesForLater() throws {
        var decoder = GoLineDecoder()
        var buffer = ByteBuffer(string: "par")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeString("tial\r\nnext")
        #expect(try decoder.decode(buffer: &buffer) == "partial")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == "next")
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == nil)
    }
}
