#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file name as the system spells it: bytes, not necessarily UTF-8. Go: a `string` holding a
/// path.
///
/// A Swift `String` cannot hold a name that is not valid UTF-8 (an old Latin-1 `café`), and a
/// walk that turned such a name into U+FFFD would then fail to open the directory. Go's
/// strings are bytes, so its du walks such trees; so does this one, and it prints the names
/// byte for byte.
public struct Path: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name's bytes, without a terminating NUL.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ string: String) {
        bytes = Array(string.utf8)
    }

    public init(stringLiteral string: String) {
        self.init(string)
    }

    /// The name for display; bytes that are not UTF-8 show as U+FFFD.
    public var description: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Byte-wise order, Go's `strings.Compare`: the order `ioutil.ReadDir` sorts a listing in.
    public static func < (lhs: Path, rhs: Path) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// Calls `body` with the name as a NUL-terminated C string.
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// The program's arguments after its name, byte for byte as the system passed them.
    /// (`CommandLine.arguments` repairs bytes that are not UTF-8.) Go: `os.Args[1:]`.
    public static var arguments: [Path] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return Path(bytes: []) }
            return Path(bytes: Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument))))
        }
    }
}

extension Path {
    /// Joins the non-empty elements with slashes and cleans the result, as Go's
    /// `filepath.Join` does; with none left, the empty path. The walk names a subdirectory
    /// `Path.join(dir, entry.name)`, so its error messages show Go's paths: `t/../x` and `a`
    /// join to `x/a`.
    public static func join(_ elements: Path...) -> Path {
        guard let first = elements.firstIndex(where: { !$0.bytes.isEmpty }) else { return Path(bytes: []) }
        var joined = elements[first].bytes
        for element in elements[(first + 1)...] {
            joined.append(slash)
            joined += element.bytes
        }
        return Path(bytes: joined).cleaned
    }

    /// The shortest name for the same path by lexical processing alone, Go's `filepath.Clean`
    /// on Unix: repeated slashes become one, `.` elements go, each `..` removes the element
    /// before it (at the root, it is dropped; at the start of a relative path, it stays), a
    /// trailing slash goes (except from `/`), and an empty result is `.`. Symbolic links are not
    /// consulted, as in Go.
    public var cleaned: Path {
        let input = bytes
        if input.isEmpty { return "." }
        let rooted = input[0] == slash
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        if rooted { output.append(slash) }
        // `floor` is where `..` may no longer back up: past the root's slash, or past the
        // leading `..` elements of a relative path.
        var floor = output.count
        var index = 0
        while index < input.count {
            // The element starting at `index`, up to the next slash.
            var end = index
            while end < input.count && input[end] != slash { end += 1 }
            let length = end - index
            defer { index = end + 1 }
            if length == 0 || (length == 1 && input[index] == dot) {
                continue                                          // empty or `.`
            }
            if length == 2 && input[index] == dot && input[index + 1] == dot {
                if output.count > floor {
                    // Remove the last element and the slash before it (none before the
                    // first element of a relative path).
                    while output.count > floor && output[output.count - 1] != slash { output.removeLast() }
                    if output.count > floor { output.removeLast() }
                } else if !rooted {
                    if !output.isEmpty { output.append(slash) }
                    output += [dot, dot]
                    floor = output.count
                }
                continue
            }
            if output.count > (rooted ? 1 : 0) { output.append(slash) }
            output += input[index..<end]
        }
        if output.isEmpty { return "." }
        return Path(bytes: output)
    }
}

private let slash = UInt8(ascii: "/")
private let dot = UInt8(ascii: ".")
