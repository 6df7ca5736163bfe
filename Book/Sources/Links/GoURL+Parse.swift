import ExampleSupport

/// Go's `url.parse` for a URL without its fragment, step by step as Go takes it.
extension GoURL {
    static func parseWithoutFragment(_ raw: [UInt8]) throws(ParseFailure) -> GoURL {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw ParseFailure("net/url: invalid control character in URL")
        }
        var url = GoURL()
        if raw == [ascii("*")] {
            url.path = raw
            return url
        }

        // The scheme: letters, then letters, digits, `+`, `-` or `.`, up to a colon.
        let (scheme, afterScheme) = try splitScheme(raw)
        url.scheme = scheme.map(lowercased)
        var rest = afterScheme

        // The query: a lone `?` at the end is kept as a "force query" marker.
        let questionMarks = rest.filter { $0 == ascii("?") }.count
        if rest.last == ascii("?") && questionMarks == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else if let mark = rest.firstIndex(of: ascii("?")) {
            url.rawQuery = Array(rest[(mark + 1)...])
            rest = Array(rest[..<mark])
        }

        if rest.first != ascii("/") {
            if !url.scheme.isEmpty {
                url.opaque = rest   // `mailto:someone`, `javascript:void(0)`
                return url
            }
            // `a:b/c` with no scheme (the scheme test failed) would print as a scheme.
            let segment = rest.prefix { $0 != ascii("/") }
            if segment.contains(ascii(":")) {
                throw ParseFailure("first path segment in URL cannot contain colon")
            }
        }

        let slashes = rest.starts(with: Array("//".utf8))
        if slashes && (!url.scheme.isEmpty || !rest.starts(with: Array("///".utf8))) {
            var authority = Array(rest.dropFirst(2))
            rest = []
            if let slash = authority.firstIndex(of: ascii("/")) {
                rest = Array(authority[slash...])
                authority = Array(authority[..<slash])
            }
            (url.user, url.host) = try parseAuthority(authority)
        } else if !url.scheme.isEmpty && rest.first == ascii("/") {
            url.omitHost = true
        }

        url.path = try unescape(rest, .path)
        url.rawPath = escape(url.path, .path) == rest ? [] : rest
        return url
    }

    private static func splitScheme(_ raw: [UInt8]) throws(ParseFailure) -> ([UInt8], [UInt8]) {
        for (index, byte) in raw.enumerated() {
            switch byte {
            case ascii("a")...ascii("z"), ascii("A")...ascii("Z"):
                continue
            case ascii("0")...ascii("9"), ascii("+"), ascii("-"), ascii("."):
                if index == 0 { return ([], raw) }
            case ascii(":"):
                if index == 0 { throw ParseFailure("missing protocol scheme") }
                return (Array(raw[..<index]), Array(raw[(index + 1)...]))
            default:
                return ([], raw)
            }
        }
        return ([], raw)
    }

    /// `user:password@host:port`: the user information before the last `@`.
    private static func parseAuthority(_ authority: [UInt8]) throws(ParseFailure) -> (UserInfo?, [UInt8]) {
        let at = authority.lastIndex(of: ascii("@"))
        let host = try parseHost(Array(authority[(at.map { $0 + 1 } ?? 0)...]))
        guard let at else { return (nil, host) }
        let info = Array(authority[..<at])
        guard validUserInfo(info) else { throw ParseFailure("net/url: invalid userinfo") }
        guard let colon = info.firstIndex(of: ascii(":")) else {
            return (UserInfo(username: try unescape(info, .userPassword), password: nil), host)
        }
        let username = try unescape(Array(info[..<colon]), .userPassword)
        let password = try unescape(Array(info[(colon + 1)...]), .userPassword)
        return (UserInfo(username: username, password: password), host)
    }

    private static func parseHost(_ host: [UInt8]) throws(ParseFailure) -> [UInt8] {
        if host.first == ascii("[") {
            guard let close = host.lastIndex(of: ascii("]")) else { throw ParseFailure("missing ']' in host") }
            let colonPort = Array(host[(close + 1)...])
            guard validOptionalPort(colonPort) else {
                throw ParseFailure("invalid port \(goQuoted(colonPort)) after host")
            }
            // An IPv6 zone, `[fe80::1%25en0]`, allows more characters than a host.
            if let zone = firstIndex(of: Array("%25".utf8), in: host[..<close]) {
                return try unescape(Array(host[..<zone]), .host)
                    + unescape(Array(host[zone..<close]), .zone)
                    + unescape(Array(host[close...]), .host)
            }
        } else if let colon = host.lastIndex(of: ascii(":")) {
            let colonPort = Array(host[colon...])
            guard validOptionalPort(colonPort) else {
                throw ParseFailure("invalid port \(goQuoted(colonPort)) after host")
            }
        }
        return try unescape(host, .host)
    }

    private static func validOptionalPort(_ port: [UInt8]) -> Bool {
        guard let first = port.first else { return true }
        return first == ascii(":") && port.dropFirst().allSatisfy { ascii("0")...ascii("9") ~= $0 }
    }

    /// RFC 3986's user information characters; Go checks by character, so anything beyond
    /// ASCII fails.
    private static func validUserInfo(_ info: [UInt8]) -> Bool {
        info.allSatisfy { byte in
            isAlphanumeric(byte) || Array("-._:~!$&'()*+,;=%@".utf8).contains(byte)
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in haystack.startIndex...(haystack.endIndex - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// A parse error's message, before the URL is attached to it.
struct ParseFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

func isAlphanumeric(_ byte: UInt8) -> Bool {
    (ascii("a")...ascii("z")).contains(byte) || (ascii("A")...ascii("Z")).contains(byte)
        || (ascii("0")...ascii("9")).contains(byte)
}

/// `byte` in lower case, when it is an ASCII capital letter.
func lowercased(_ byte: UInt8) -> UInt8 {
    (ascii("A")...ascii("Z")).contains(byte) ? byte + 32 : byte
}
