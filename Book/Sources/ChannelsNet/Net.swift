import NIOCore
import NIOPosix

/// Go's `net` package, the part the book's servers and clients use: `Net.listen` and `Net.dial`
/// give a `Listener` and a `Conn`. The sockets are SwiftNIO's, driven by its shared event loops;
/// the goroutines that use them only ever wait, never block a thread.
///
/// ```swift
/// let listener = try await Net.listen("tcp", "localhost:8000")   // net.Listen
/// let conn = try await listener.accept()                         // listener.Accept()
/// let conn = try await Net.dial("tcp", "localhost:8000")         // net.Dial
/// ```
public enum Net {
    /// Listens on the TCP address `address` (`host:port`). The error says what Go's says, as
    /// `listen tcp 127.0.0.1:8000: bind: address already in use`. Go: `net.Listen(network, address)`.
    public static func listen(_ network: String, _ address: String) async throws(NetError) -> Listener {
        try checkNetwork(network, op: "listen")
        let socketAddress = try Address.resolve(address, op: "listen")
        let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                // Go's listeners reuse an address left in TIME_WAIT, and queue as many
                // connections as the kernel allows (it caps the backlog at somaxconn).
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 4096)
                // A client's half-close ends our reading, not the connection (netcat3).
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(to: socketAddress) { child in
                    child.eventLoop.makeCompletedFuture { try Conn.wrap(child) }
                }
        } catch {
            throw NetError(op: "listen", address: Address.string(socketAddress),
                           reason: NetError.reason(for: error, syscall: "bind"))
        }
        return Listener(server)
    }

    /// Connects to the TCP address `address` (`host:port`). The error says what Go's says, as
    /// `dial tcp 127.0.0.1:8000: connect: connection refused`. Go: `net.Dial(network, address)`.
    public static func dial(_ network: String, _ address: String) async throws(NetError) -> Conn {
        try checkNetwork(network, op: "dial")
        let socketAddress = try Address.resolve(address, op: "dial")
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .connect(to: socketAddress) { channel in
                    channel.eventLoop.makeCompletedFuture { try Conn.wrap(channel) }
                }
        } catch {
            throw NetError(op: "dial", address: Address.string(socketAddress),
                           reason: NetError.reason(for: error, syscall: "connect"))
        }
        return await Conn.open(channel)
    }

    private static func checkNetwork(_ network: String, op: String) throws(NetError) {
        guard network == "tcp" else {
            throw NetError(op: op, net: network, reason: "unknown network \(network)")
        }
    }
}
