import Channels
import NIOCore
import NIOConcurrencyHelpers

/// A TCP listener: `accept()` waits for the next connection. Go: `net.Listener`.
///
/// NIO's stream of accepted connections allows one reader and lives inside a scope
/// (`executeThenClose`), while Go's listener is a value any goroutine may call `Accept` on. So
/// a pump goroutine owns the stream for the listener's life and hands each connection over an
/// unbuffered channel, which keeps NIO's backpressure: the pump takes the next connection only
/// when someone accepts.
public final class Listener: Sendable {
    /// The address listened on, `ip:port`. Go: `listener.Addr().String()`.
    public let address: String

    private let channel: any Channel                                       // the listening socket
    private let accepted = Chan<NIOAsyncChannel<ByteBuffer, ByteBuffer>>() // from the pump to accept()
    private let closed = Chan<Void>()                                      // closed by close()
    private let closing = NIOLockedValueBox(false)                         // close() has been called
    private let failure = Chan<NetError>(capacity: 1)                      // why the pump stopped, if not closed

    init(_ server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        channel = server.channel
        address = Address.string(server.channel.localAddress)
        let (accepted, closed, failure, address) = (accepted, closed, failure, address)
        go {
            do {
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        let taken = try await select {
                            send(connection, to: accepted) { true }
                            receive(from: closed) { _ in false }
                        }
                        if !taken {
                            connection.channel.close(promise: nil)
                            return
                        }
                    }
                }
            } catch {
                failure.trySend(NetError(op: "accept", address: address,
                                         reason: NetError.reason(for: error, syscall: "accept")))
            }
            accepted.close()   // the pump is the only sender: no send can follow
        }
    }

    /// Waits for the next connection. After `close()`, or if the listening socket failed, it
    /// throws. Go: `listener.Accept()`.
    public func accept() async throws(NetError) -> Conn {
        typealias Accepted = NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let connection: Accepted?
        do {
            connection = try await select {
                receive(from: accepted) { connection -> Accepted? in connection }
                receive(from: closed) { _ -> Accepted? in nil }
            }
        } catch {
            throw NetError(op: "accept", address: address, reason: String(describing: error))
        }
        guard let connection else {
            if let error = failure.tryReceive().value { throw error }
            throw NetError(op: "accept", address: address, reason: "use of closed network connection")
        }
        return await Conn.open(connection)
    }

    /// Stops listening; a waiting `accept()` throws. Connections accepted before stay open.
    /// The socket closes on NIO's event loop a moment later; `closeAndWait()` waits for that.
    /// Go: `listener.Close()`.
    public func close() {
        let first = closing.withLockedValue { called in
            defer { called = true }
            return !called
        }
        guard first else { return }   // closing a closed channel would trap
        closed.close()
        channel.close(promise: nil)
    }

    /// Closes the listener and waits until its port is free again: the tests' way to find a
    /// free port to give a program.
    package func closeAndWait() async {
        close()
        try? await channel.closeFuture.get()
    }
}
