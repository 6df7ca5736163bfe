import Channels
import ChannelsNet
import ProgramTesting

/// A line the test client received, and when.
struct Line: Sendable {
    let text: String
    let at: ContinuousClock.Instant
}

/// A client of a server under test: it dials, sends lines, and receives the server's lines
/// through a goroutine that reads them as they come, so the test can wait for each with a
/// deadline (a failure says what it waited for instead of hanging until the time limit).
final class TestClient: Sendable {
    let conn: Conn
    private let received = Chan<Line>(capacity: 1 << 16)   // every line, in order; closed at the end

    init(_ conn: Conn) {
        self.conn = conn
        let received = received
        go {
            do {
                for try await text in conn.lines {
                    try await received.send(Line(text: text, at: .now))
                }
            } catch {
                // The connection failed or was closed: that ends the lines, as end of file does.
            }
            received.close()
        }
    }

    static func dial(port: Int) async throws -> TestClient {
        TestClient(try await Net.dial("tcp", "127.0.0.1:\(port)"))
    }

    /// Our address as the server sees it (the server prints it as `who`).
    var address: String { conn.localAddress }

    /// The next line, or nil once the server has closed the connection.
    func line(within timeout: Duration = .seconds(20)) async throws -> Line? {
        let deadline = after(timeout)
        return try await select {
            receive(from: received) { $0 }
            receive(from: deadline) { _ -> Line? in throw TimedOut(what: "a line from the server") }
        }
    }

    /// The next line's text; a test failure if the connection ends first.
    func text(within timeout: Duration = .seconds(20)) async throws -> String {
        guard let line = try await line(within: timeout) else {
            throw TimedOut(what: "a line, but the server closed the connection")
        }
        return line.text
    }

    /// Every line up to and including the first that `wanted` accepts.
    @discardableResult
    func lines(until wanted: (String) -> Bool, within timeout: Duration = .seconds(60)) async throws -> [String] {
        var seen: [String] = []
        while true {
            let text = try await text(within: timeout)
            seen.append(text)
            if wanted(text) { return seen }
        }
    }

    /// Every line until the server closes the connection.
    func linesToEnd(within timeout: Duration = .seconds(20)) async throws -> [Line] {
        var seen: [Line] = []
        while let line = try await line(within: timeout) { seen.append(line) }
        return seen
    }

    func send(_ text: String) async throws {
        try await conn.write(text + "\n")
    }

    func close() { conn.close() }
}
