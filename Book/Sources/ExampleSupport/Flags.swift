#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Command-line flags parsed as Go's `flag` package parses them, with its messages and exit
/// statuses: `-v` and `--v`, `-v=false`; the first argument that is not a flag, or `--`, ends
/// the flags; `-h` and `-help` print the usage and exit 0; a flag that is not defined or a bad
/// value prints the error and the usage on standard error and exits 2. Boolean flags, the kind
/// the book's programs take, and integer flags, `-depth 3` or `-depth=3`, for its exercises.
///
/// ```swift
/// let flags = FlagSet()
/// let verbose = flags.bool("v", false, "show verbose progress messages")
/// let roots = flags.parse()       // the arguments after the flags
/// if verbose.value { … }
/// ```
///
/// Go: `flag.Bool`, `flag.Parse`, `flag.Args` on `flag.CommandLine`.
public final class FlagSet {
    private var flags: [String: any Flag] = [:]   // by name, without the dash

    private let notes: String                      // printed after the flags in the usage

    /// `notes`, if any, follow the flags in the usage text: what the program does, or settings
    /// that are not flags.
    public init(notes: String = "") {
        self.notes = notes
    }

    /// Defines the boolean flag `-name` with a default `value` and a `usage` line for the help.
    /// Go: `flag.Bool(name, value, usage)`.
    public func bool(_ name: String, _ value: Bool, _ usage: String) -> BoolFlag {
        let flag = BoolFlag(name: name, value: value, usage: usage)
        flags[name] = flag
        return flag
    }

    /// Defines the integer flag `-name` with a default `value` and a `usage` line for the help.
    /// Go: `flag.Int(name, value, usage)`.
    public func int(_ name: String, _ value: Int, _ usage: String) -> IntFlag {
        let flag = IntFlag(name: name, value: value, usage: usage)
        flags[name] = flag
        return flag
    }

    /// Parses the program's arguments, byte for byte, and returns those after the flags. On
    /// `-h` or `-help` (when not defined) it prints the usage and exits 0; on an error it prints
    /// the error and the usage to standard error and exits 2. Go: `flag.Parse(); flag.Args()`.
    public func parse() -> [[UInt8]] {
        let all = rawCommandLineArguments()
        switch parse(Array(all.dropFirst())) {
        case .arguments(let rest):
            return rest
        case .help:
            writeToStandardError(usage(programName: all.first ?? []))
            exit(0)
        case .failure(let message):
            writeToStandardError(message + [UInt8(ascii: "\n")] + usage(programName: all.first ?? []))
            exit(2)
        }
    }

    /// What parsing `arguments` (the program's name not among them) comes to.
    package enum Outcome: Equatable {
        case arguments([[UInt8]])   // the flags were fine: these arguments follow them
        case help                   // -h or -help, not defined: show the usage
        case failure([UInt8])       // Go's message for the first bad flag, names byte for byte
    }

    /// Parses `arguments`, setting the flags, without printing or exiting.
    package func parse(_ arguments: [[UInt8]]) -> Outcome {
        var rest = arguments[...]
        while let argument = rest.first {
            let dash = UInt8(ascii: "-")
            guard argument.count >= 2, argument[0] == dash else { break }   // "-" alone is an argument
            var name = argument.dropFirst()
            if name.first == dash {
                name = name.dropFirst()
                if name.isEmpty {                                           // "--" ends the flags
                    rest = rest.dropFirst()
                    break
                }
            }
            if name.isEmpty || name.first == dash || name.first == UInt8(ascii: "=") {
                return .failure(Array("bad flag syntax: ".utf8) + argument)
            }
            rest = rest.dropFirst()
            var value: ArraySlice<UInt8>?
            if let equals = name.dropFirst().firstIndex(of: UInt8(ascii: "=")) {
                value = name[(equals + 1)...]
                name = name[..<equals]
            }
            let flagName = String(decoding: name, as: UTF8.self)
            guard let flag = flags[flagName], Array(flagName.utf8).elementsEqual(name) else {
                if flagName == "help" || flagName == "h" { return .help }
                return .failure(Array("flag provided but not defined: -".utf8) + name)
            }
            if let boolFlag = flag as? BoolFlag {
                if let value {
                    guard let parsed = parseBool(value) else {
                        return .failure(Array("invalid boolean value \(goQuoted(value)) for -\(flagName): parse error".utf8))
                    }
                    boolFlag.value = parsed
                } else {
                    boolFlag.value = true
                }
                continue
            }
            // Any other flag takes a value: after `=`, or the next argument.
            if value == nil {
                guard let next = rest.first else {
                    return .failure(Array("flag needs an argument: -\(flagName)".utf8))
                }
                value = next[...]
                rest = rest.dropFirst()
            }
            if !flag.set(value!) {
                return .failure(Array("invalid value \(goQuoted(value!)) for flag -\(flagName): parse error".utf8))
            }
        }
        return .arguments(Array(rest))
    }

    /// Go's usage text: `Usage of <program>:`, then each flag, sorted by name, with its usage
    /// line and its default if that is not false. Go: `flag.Usage` and `flag.PrintDefaults`.
    package func usage(programName: [UInt8]) -> [UInt8] {
        var text = Array("Usage of ".utf8) + programName + Array(":\n".utf8)
        for name in flags.keys.sorted() {
            let flag = flags[name]!
            var line = "  -\(name)" + (flag.typeName.isEmpty ? "" : " " + flag.typeName)
            // A one-letter name shares the line with its usage; a longer one gets its own.
            line += line.utf8.count <= 4 ? "\t" : "\n    \t"
            line += flag.usage.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    \t")
            if let shown = flag.shownDefault { line += " (default \(shown))" }
            text += Array((line + "\n").utf8)
        }
        if !notes.isEmpty { text += Array((notes + (notes.hasSuffix("\n") ? "" : "\n")).utf8) }
        return text
    }
}

/// What the parser needs of a flag of any type.
protocol Flag: AnyObject {
    var usage: String { get }
    var typeName: String { get }       // after the name in the usage: `int`; empty for a bool
    var shownDefault: String? { get }  // the default, unless it is the type's zero value
    func set(_ text: ArraySlice<UInt8>) -> Bool
}

/// A boolean flag's value, set by `FlagSet.parse()`. Go: the `*bool` that `flag.Bool` returns.
public final class BoolFlag: Flag {
    public let name: String
    public let usage: String
    public let defaultValue: Bool
    /// The value after parsing: the default unless the flag was given. Go: `*flag`.
    public internal(set) var value: Bool

    init(name: String, value: Bool, usage: String) {
        self.name = name
        self.usage = usage
        defaultValue = value
        self.value = value
    }

    var typeName: String { "" }
    var shownDefault: String? { defaultValue ? "true" : nil }

    func set(_ text: ArraySlice<UInt8>) -> Bool {
        guard let parsed = parseBool(text) else { return false }
        value = parsed
        return true
    }
}

/// An integer flag's value, set by `FlagSet.parse()`. Go: the `*int` that `flag.Int` returns.
public final class IntFlag: Flag {
    public let name: String
    public let usage: String
    public let defaultValue: Int
    /// The value after parsing: the default unless the flag was given. Go: `*flag`.
    public internal(set) var value: Int

    init(name: String, value: Int, usage: String) {
        self.name = name
        self.usage = usage
        defaultValue = value
        self.value = value
    }

    var typeName: String { "int" }
    var shownDefault: String? { defaultValue == 0 ? nil : String(defaultValue) }

    /// Decimal, with an optional sign (Go also takes `0x…` and `0o…`, which no one types here).
    func set(_ text: ArraySlice<UInt8>) -> Bool {
        guard let parsed = Int(String(decoding: text, as: UTF8.self)) else { return false }
        value = parsed
        return true
    }
}

/// The words Go's `strconv.ParseBool` accepts.
private func parseBool(_ text: ArraySlice<UInt8>) -> Bool? {
    switch String(decoding: text, as: UTF8.self) {
    case "1", "t", "T", "TRUE", "true", "True": true
    case "0", "f", "F", "FALSE", "false", "False": false
    default: nil
    }
}

/// `bytes` in double quotes with Go's escapes, as `%q` prints a string: `\"` and `\\`, `\n`
/// and the other C escapes, `\x` for other control bytes and for bytes that are not UTF-8,
/// `\u` for characters Go does not count as printable.
package func goQuoted<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    var quoted = "\""
    var rest = Array(bytes)[...]
    while let first = rest.first {
        guard let (scalar, length) = decodeScalar(rest) else {
            quoted += "\\x" + hex(UInt32(first), digits: 2)
            rest = rest.dropFirst()
            continue
        }
        rest = rest.dropFirst(length)
        switch scalar {
        case "\"": quoted += "\\\""
        case "\\": quoted += "\\\\"
        case "\u{07}": quoted += "\\a"
        case "\u{08}": quoted += "\\b"
        case "\u{0C}": quoted += "\\f"
        case "\n": quoted += "\\n"
        case "\r": quoted += "\\r"
        case "\t": quoted += "\\t"
        case "\u{0B}": quoted += "\\v"
        default:
            if isGoPrintable(scalar) {
                quoted.unicodeScalars.append(scalar)
            } else if scalar.value < 0x80 {
                quoted += "\\x" + hex(scalar.value, digits: 2)
            } else if scalar.value < 0x10000 {
                quoted += "\\u" + hex(scalar.value, digits: 4)
            } else {
                quoted += "\\U" + hex(scalar.value, digits: 8)
            }
        }
    }
    return quoted + "\""
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
private func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .nonspacingMark, .spacingMark, .enclosingMark,
         .decimalNumber, .letterNumber, .otherNumber,
         .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
         .initialPunctuation, .finalPunctuation, .otherPunctuation,
         .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        return true
    default:
        return false
    }
}

/// The first UTF-8 scalar of `bytes` and its length, or nil if they do not start with one.
private func decodeScalar(_ bytes: ArraySlice<UInt8>) -> (Unicode.Scalar, Int)? {
    guard let lead = bytes.first else { return nil }
    let length = lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0
    guard length > 0, bytes.count >= length else { return nil }
    // Exactly those bytes: the decoder rejects overlong forms, surrogates and bad continuations.
    var iterator = bytes.prefix(length).makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
    return nil
}

private func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// The program's arguments, byte for byte (`CommandLine.arguments` repairs bytes that are not
/// UTF-8), its name first.
private func rawCommandLineArguments() -> [[UInt8]] {
    (0..<Int(CommandLine.argc)).map { index in
        guard let argument = CommandLine.unsafeArgv[index] else { return [] }
        return Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
    }
}

private func writeToStandardError(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
    }
}
