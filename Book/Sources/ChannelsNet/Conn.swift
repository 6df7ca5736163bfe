import Channels
import NIOCore
import NIOConcurrencyHelpers

/// A TCP connection, accepted or dialled. Go: `net.Conn` (a `*net.TCPConn`).
///
/// - Read it once, through `lines` (Go's `bufio.Scanner`) or `chunks` (Go's `Read`, as
///   `io.Copy` uses it), from one goroutine: NIO's inbound stream has a single reader.
/// - `write` returns once the kernel has taken the bytes, as Go's `Write` does, so a `close()`
///   right after loses nothing already written. Any goroutine may write.
/// - `closeWrite()` sends end of file and goes on reading; `close()` ends both directions.
///
/// NIO hands the inbound stream and outbound writer out only inside `executeThenClose`; Go's
/// connection outlives any scope. So each connection keeps a goroutine inside that scope until
/// the channel closes, by `close()`, by an error, or when the `Conn` is released (as Go's
/// finalizer closes a lost connection).
public final class Conn: Sendable {
    /// The peer's address, `ip:port`. Go: `conn.RemoteAddr().String()`.
    public let remoteAddress: String
    /// Our end's address, `ip:port`. Go: `conn.LocalAddr().String()`.
    public let localAddress: String

    let channel: any Channel                                    // NIO's socket channel
    let inbound: NIOAsyncChannelInboundStream<ByteBuffer>       // what the peer sends, in chunks
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>  // only finished, to half-close
    private let readerTaken = NIOLockedValueBox(false)          // lines or chunks has been made

    private init(channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
                 outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
        remoteAddress = Address.string(channel.remoteAddress)
        localAddress = Address.string(channel.localAddress)
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Wraps a new socket channel, on its event loop: half-closure on both sides.
    static func wrap(_ channel: any Channel) throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try NIOAsyncChannel(
            wrappingChannelSynchronously: channel,
            configuration: .init(isOutboundHalfClosureEnabled: true)
        )
    }

    /// The connection over `asyncChannel`, whose scope a goroutine keeps open until it closes.
    static func open(_ asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async -> Conn {
        // Handed over on a channel, whose lock orders the connection's making before its use
        // for ThreadSanitizer too (a continuation's resume is invisible to it).
        let opened = Chan<Conn>(capacity: 1)
        go {
            try? await asyncChannel.executeThenClose { inbound, outbound in
                do {   // hand the connection over without keeping a reference to it here
                    opened.trySend(Conn(channel: asyncChannel.channel, inbound: inbound, outbound: outbound))
                }
                try? await asyncChannel.channel.closeFuture.get()
            }
        }
        // Not cancellable, as before: the goroutine always hands a connection over, and a
        // detached task does not inherit the caller's cancellation.
        let conn = await Task.detached { try? await opened.receive() }.value
        guard let conn else { preconditionFailure("the connection's goroutine hands it over") }
        return conn
    }

    /// Writes `bytes`, returning once the kernel has taken them all. Fails once the connection
    /// is closed, by us or by a peer that vanished ("I/O on closed channel", or the system's
    /// "broken pipe" or "connection reset by peer"). Go: `conn.Write(bytes)`.
    public func write(_ bytes: ByteBuffer) async throws(NetError) {
        do {
            try await channel.writeAndFlush(bytes).get()
        } catch {
            throw NetError(op: "write", source: localAddress, address: remoteAddress,
                           reason: NetError.reason(for: error, syscall: "write"))
        }
    }

    /// Writes the UTF-8 bytes of `text`. Go: `io.WriteString(conn, text)`, `fmt.Fprint(conn, …)`.
    public func write(_ text: String) async throws(NetError) {
        try await write(ByteBuffer(string: text))
    }

    /// Writes `bytes`. Go: `conn.Write(bytes)`.
    public func write(_ bytes: [UInt8]) async throws(NetError) {
        try await write(ByteBuffer(bytes: bytes))
    }

    /// Closes the sending side only: the peer reads end of file after what was written, and
    /// this side goes on reading what the peer still sends. Go: `conn.(*net.TCPConn).CloseWrite()`.
    public func closeWrite() {
        outbound.finish()
    }

    /// Closes the connection both ways; a read waiting on it ends and later writes fail.
    /// Calling it again does nothing. Go: `conn.Close()`.
    public func close() {
        channel.close(promise: nil)
    }

    /// Claims the single reader of the inbound stream, trapping on a second claim with a clear
    /// message rather than NIO's.
    func takeReader(_ what: String) {
        let taken = readerTaken.withLockedValue { taken in
            defer { taken = true }
            return taken
        }
        if taken {
            fatalError("Conn.\(what): a connection is read through one sequence, once (lines or chunks)")
        }
    }

    /// A read error in Go's words: `read tcp 127.0.0.1:8000->127.0.0.1:5555: read: connection
    /// reset by peer`.
    func readError(_ error: any Error) -> NetError {
        NetError(op: "read", source: localAddress, address: remoteAddress,
                 reason: NetError.reason(for: error, syscall: "read"))
    }
}
