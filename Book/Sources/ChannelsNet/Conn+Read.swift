import NIOCore

extension Conn {
    /// The lines the peer sends, as Go's `bufio.Scanner` splits them: at each "\n", a "\r"
    /// before it dropped, the last line returned even without its "\n", empty lines kept. A
    /// line longer than 64 KiB ends the sequence with "bufio.Scanner: token too long", as it
    /// ends Go's `Scan()`, so a peer cannot make us hold more than that. Bytes that are not
    /// UTF-8 become U+FFFD. Go: `input := bufio.NewScanner(conn); for input.Scan() { input.Text() }`.
    public var lines: Lines {
        takeReader("lines")
        return Lines(conn: self)
    }

    /// The bytes the peer sends, in the chunks they arrive in, up to end of file (the peer
    /// closed or half-closed). Go: `conn.Read(buffer)` in a loop, as `io.Copy` reads.
    public var chunks: Chunks {
        takeReader("chunks")
        return Chunks(conn: self)
    }

    /// Go's `bufio.MaxScanTokenSize`.
    static let maximumLineLength = 64 * 1024

    public struct Lines: AsyncSequence, Sendable {
        public typealias Element = String
        let conn: Conn

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(conn: conn, base: conn.inbound
                .decode(using: GoLineDecoder(), maximumBufferSize: Conn.maximumLineLength)
                .makeAsyncIterator())
        }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let conn: Conn
            var base: NIODecodedAsyncSequence<NIOAsyncChannelInboundStream<ByteBuffer>, GoLineDecoder>.AsyncIterator

            public mutating func next() async throws(NetError) -> String? {
                do {
                    return try await base.next()
                } catch {
                    throw conn.readError(error)
                }
            }
        }
    }

    public struct Chunks: AsyncSequence, Sendable {
        public typealias Element = [UInt8]
        let conn: Conn

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(conn: conn, base: conn.inbound.makeAsyncIterator())
        }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let conn: Conn
            var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator

            public mutating func next() async throws(NetError) -> [UInt8]? {
                do {
                    guard let buffer = try await base.next() else { return nil }
                    return Array(buffer.readableBytesView)
                } catch {
                    throw conn.readError(error)
                }
            }
        }
    }
}

/// Go's `bufio.ScanLines` as a NIO decoder: a line ends at "\n", and a "\r" before it is not
/// part of it. (NIO's `splitUTF8Lines()` also splits at "\r", vertical tab and form feed and
/// drops empty lines, which Go's scanner does not.)
public struct GoLineDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = String

    private var scanned = 0   // bytes after the reader index already known to hold no "\n"

    public init() {}

    public mutating func decode(buffer: inout ByteBuffer) throws -> String? {
        let view = buffer.readableBytesView
        guard let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            return nil
        }
        scanned = 0
        let line = buffer.readSlice(length: newline - view.startIndex)!
        buffer.moveReaderIndex(forwardBy: 1)   // the "\n"
        return Self.text(line)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> String? {
        if let line = try decode(buffer: &buffer) { return line }
        guard buffer.readableBytes > 0 else { return nil }
        scanned = 0
        return Self.text(buffer.readSlice(length: buffer.readableBytes)!)   // the unterminated last line
    }

    private static func text(_ line: ByteBuffer) -> String {
        var bytes = line.readableBytesView[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
