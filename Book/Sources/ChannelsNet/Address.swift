import NIOCore

/// Go's `host:port` addresses: splitting, resolving and printing.
enum Address {
    /// Splits `address` into its host and port, as Go's `net.SplitHostPort` does for the forms
    /// the book's programs use: `localhost:8000`, `127.0.0.1:8000`, `[::1]:8000`, `:8000`.
    static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        var host = address[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        return (String(host), port)
    }

    /// The socket address for `address`. `localhost` is 127.0.0.1, as Go prefers IPv4 for it
    /// (and as the originals' messages show); an empty host means every interface.
    static func resolve(_ address: String, op: String) throws(NetError) -> SocketAddress {
        guard let (host, port) = split(address) else {
            throw NetError(op: op, address: address, reason: "address \(address): missing port in address")
        }
        let literal = host.isEmpty ? "0.0.0.0" : host == "localhost" ? "127.0.0.1" : host
        if let socketAddress = try? SocketAddress(ipAddress: literal, port: port) {
            return socketAddress
        }
        do {
            return try SocketAddress.makeAddressResolvingHost(literal, port: port)
        } catch {
            // Go reports a failed lookup without an address: "dial tcp: lookup nosuch: no such host".
            throw NetError(op: op, reason: "lookup \(host): no such host")
        }
    }

    /// `ip:port`, with an IPv6 address in brackets: Go's `TCPAddr.String()`.
    static func string(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "<unknown>" }
        return (ip.contains(":") ? "[\(ip)]" : ip) + ":" + String(port)
    }
}
