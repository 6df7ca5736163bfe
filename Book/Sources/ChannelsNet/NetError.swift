import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed network operation, described in Go's words so that a program's `Log.fatal(error)`
/// prints what the Go original prints:
///
/// ```
/// listen tcp 127.0.0.1:8000: bind: address already in use
/// dial tcp 127.0.0.1:8000: connect: connection refused
/// write tcp 127.0.0.1:8000->127.0.0.1:51234: I/O on closed channel
/// ```
///
/// Go: `*net.OpError`.
/// The same type carries a standard-input or -output failure in the words of Go's
/// `*os.PathError`, `read /dev/stdin: bad file descriptor`, with an empty `net`.
public struct NetError: Error, Sendable, CustomStringConvertible {
    public let op: String          // the operation: "listen", "dial", "accept", "read", "write"
    public let net: String         // the network: "tcp"
    public let source: String?     // the local address, for operations on a connection
    public let address: String?    // the address operated on (the remote one on a connection)
    public let reason: String      // what went wrong, as Go words it: "connect: connection refused"

    public init(op: String, net: String = "tcp", source: String? = nil, address: String? = nil, reason: String) {
        self.op = op
        self.net = net
        self.source = source
        self.address = address
        self.reason = reason
    }

    /// Go's `OpError.Error()`: `op net [source->]address: reason`.
    public var description: String {
        var text = net.isEmpty ? op : op + " " + net   // a file's error has no network
        if let source { text += " " + source }
        if let address { text += (source == nil ? " " : "->") + address }
        return text + ": " + reason
    }
}

extension NetError {
    /// The reason Go gives for `error`, a failure of the system call `syscall` or of NIO.
    static func reason(for error: any Error, syscall: String) -> String {
        switch error {
        case let error as IOError:
            // NIO's own text names its internal step ("connection reset (error set)" for a
            // refused connect); Go names the system call, which the operation determines.
            return syscall + ": " + errnoText(error.errnoCode)
        case let error as ChannelError:
            return String(describing: error)   // ioOnClosedChannel: "I/O on closed channel"
        case is ByteToMessageDecoderError.PayloadTooLargeError:
            return "bufio.Scanner: token too long"
        default:
            return String(describing: error)
        }
    }
}

/// The C library's text for `code` with a lower-case first letter, as Go's own table has it:
/// "connection refused", "address already in use".
func errnoText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
