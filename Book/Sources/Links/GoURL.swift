import ExampleSupport

/// A URL as Go's `net/url` parses, resolves and prints it, so that the crawlers print the same
/// links as the book's: `base.Parse(href)` keeps the fragment, resolves `./` and `../`, escapes
/// what Go escapes, and rejects what Go rejects (the crawler then skips that href).
///
/// Everything works on bytes, as Go's strings do; an href that is not UTF-8 keeps its bytes.
/// Foundation's `URL` is no substitute: it follows RFC 3986 and WHATWG in places where Go does
/// not (it drops `..` above the root differently, refuses some characters Go escapes, and
/// prints hosts and paths in its own form).
///
/// Go: `url.URL`, `url.Parse`, `(*URL).Parse`, `(*URL).ResolveReference`, `(*URL).String`.
public struct GoURL: Sendable, Equatable, CustomStringConvertible {
    var scheme: [UInt8] = []        // lower case, without the colon
    var opaque: [UInt8] = []        // what follows `scheme:` when it does not start with a slash
    var user: UserInfo?             // the decoded user name and password, if any
    var host: [UInt8] = []          // decoded host, or host:port
    var path: [UInt8] = []          // decoded path
    var rawPath: [UInt8] = []       // the path as written, when that differs from Go's escaping of `path`
    var omitHost = false            // `scheme:/path`: no `//` to print
    var forceQuery = false          // a lone `?` ended the URL
    var rawQuery: [UInt8] = []      // the query as written, without the `?`
    var fragment: [UInt8] = []      // decoded fragment, without the `#`
    var rawFragment: [UInt8] = []   // the fragment as written, when that differs from Go's escaping

    struct UserInfo: Sendable, Equatable {
        var username: [UInt8]
        var password: [UInt8]?      // nil: no colon in the user information
    }

    /// The empty reference, which resolves to its base.
    init() {}

    /// Parses `text` as a URL or a reference relative to one. Go: `url.Parse(text)`.
    public init(parsing text: String) throws(GoURLError) {
        try self.init(parsing: Array(text.utf8))
    }

    init(parsing raw: [UInt8]) throws(GoURLError) {
        let hash = raw.firstIndex(of: ascii("#"))
        let beforeFragment = Array(raw[..<(hash ?? raw.count)])
        do {
            self = try GoURL.parseWithoutFragment(beforeFragment)
        } catch {
            throw GoURLError(url: beforeFragment, message: error.message)
        }
        guard let hash else { return }
        let written = Array(raw[(hash + 1)...])
        if written.isEmpty { return }
        do {
            fragment = try unescape(written, .fragment)
        } catch {
            throw GoURLError(url: raw, message: error.message)
        }
        rawFragment = escape(fragment, .fragment) == written ? [] : written
    }

    /// `reference` resolved against this URL, or the error that makes Go skip it.
    /// Go: `base.Parse(reference)`.
    public func resolving(_ reference: String) throws(GoURLError) -> GoURL {
        resolving(try GoURL(parsing: reference))
    }

    /// `reference` resolved against this URL as RFC 3986 §5.2 says, with Go's choices.
    /// Go: `base.ResolveReference(reference)`.
    public func resolving(_ reference: GoURL) -> GoURL {
        var url = reference
        if reference.scheme.isEmpty { url.scheme = scheme }
        if !reference.scheme.isEmpty || !reference.host.isEmpty || reference.user != nil {
            url.setPath(resolvePath(reference.escapedPath, []))
            return url
        }
        if !reference.opaque.isEmpty {
            url.user = nil
            url.host = []
            url.path = []
            return url
        }
        if reference.path.isEmpty && !reference.forceQuery && reference.rawQuery.isEmpty {
            url.rawQuery = rawQuery
            if reference.fragment.isEmpty {
                url.fragment = fragment
                url.rawFragment = rawFragment
            }
        }
        if reference.path.isEmpty && !opaque.isEmpty {
            url.opaque = opaque
            url.user = nil
            url.host = []
            url.path = []
            return url
        }
        url.host = host
        url.user = user
        url.setPath(resolvePath(escapedPath, reference.escapedPath))
        return url
    }

    /// The scheme, in lower case: `http`, `https`, or empty for a relative reference.
    public var schemeName: String { String(decoding: scheme, as: UTF8.self) }

    /// The host (and port), decoded: empty when there is none.
    public var hostName: String { String(decoding: host, as: UTF8.self) }

    /// The URL as Go prints it. Go: `u.String()`.
    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// The URL as Go prints it, byte for byte.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        if !scheme.isEmpty {
            out += scheme
            out.append(ascii(":"))
        }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { out += Array("//".utf8) }
                    if let user {
                        out += escape(user.username, .userPassword)
                        if let password = user.password {
                            out.append(ascii(":"))
                            out += escape(password, .userPassword)
                        }
                        out.append(ascii("@"))
                    }
                    out += escape(host, .host)
                }
            }
            let path = escapedPath
            if let first = path.first, first != ascii("/"), !host.isEmpty { out.append(ascii("/")) }
            if out.isEmpty {
                // A first segment holding a colon would read as a scheme.
                let segment = path.prefix { $0 != ascii("/") }
                if segment.contains(ascii(":")) { out += Array("./".utf8) }
            }
            out += path
        }
        if forceQuery || !rawQuery.isEmpty {
            out.append(ascii("?"))
            out += rawQuery
        }
        if !fragment.isEmpty {
            out.append(ascii("#"))
            out += escapedFragment
        }
        return out
    }

    /// The path as it goes on the wire: as written when that is a valid spelling of `path`,
    /// else Go's escaping of it. Go: `u.EscapedPath()`.
    var escapedPath: [UInt8] {
        if !rawPath.isEmpty, validEncoded(rawPath, .path), (try? unescape(rawPath, .path)) == path {
            return rawPath
        }
        if path == [ascii("*")] { return path }
        return escape(path, .path)
    }

    /// Go: `u.EscapedFragment()`.
    var escapedFragment: [UInt8] {
        if !rawFragment.isEmpty, validEncoded(rawFragment, .fragment),
           (try? unescape(rawFragment, .fragment)) == fragment {
            return rawFragment
        }
        return escape(fragment, .fragment)
    }

    /// Sets the path from its written form; a path that does not decode leaves it as it was,
    /// as Go's `setPath` does when `ResolveReference` ignores its error.
    private mutating func setPath(_ written: [UInt8]) {
        guard let decoded = try? unescape(written, .path) else { return }
        path = decoded
        rawPath = escape(decoded, .path) == written ? [] : written
    }
}

/// Why a URL did not parse, in Go's words: `parse "URL": message`. Go: `*url.Error`.
public struct GoURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let url: [UInt8]        // the text that failed (without its fragment, if that was fine)
    public let message: String     // Go's message, such as `missing ']' in host`

    public var description: String { "parse \(goQuoted(url)): \(message)" }
}
