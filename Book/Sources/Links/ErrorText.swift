import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text after `Get "URL": ` for a request that got no response, in Go's words where the
/// cause is one Go names the same way (a refused connection, an unknown host), else
/// AsyncHTTPClient's own description.
func describe(_ error: any Error, connectingTo url: GoURL) -> String {
    if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
        return describe(first.error, connectingTo: url)
    }
    if let io = error as? IOError {
        return "dial tcp \(url.hostName): connect: \(goErrorText(io.errnoCode))"
    }
    if let client = error as? HTTPClientError {
        switch client {
        case .connectTimeout: return "dial tcp \(url.hostName): i/o timeout"
        case .remoteConnectionClosed: return "EOF"
        default: return "\(client)"
        }
    }
    return "\(error)"
}

/// `strerror`'s text with a lower-case first letter, as Go spells errno values.
private func goErrorText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
