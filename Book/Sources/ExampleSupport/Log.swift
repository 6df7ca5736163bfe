#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's standard logger, with its default flags: each message goes to standard error as one
/// line `YYYY/MM/DD HH:MM:SS message`, in local time. The book's servers and clients report
/// errors this way, and their output must match the originals'.
///
/// A message is written with a single `write`, so concurrent messages never interleave within
/// a line (Go's logger serialises them with a mutex for the same effect).
///
/// Go's `log.Printf("accept: %v", err)` is written with interpolation,
/// `Log.print("accept: \(error)")`; `Log.printf` is there for C-style numeric formats.
public enum Log {
    /// Logs the items separated by `separator`, ending the line. Go: `log.Println(items…)`, and
    /// `log.Print(item)` for a single item.
    public static func print(_ items: Any..., separator: String = " ") {
        output(items.map { String(describing: $0) }.joined(separator: separator))
    }

    /// Logs a message built from a C `printf` format, such as `"%d files  %.1f GB"`. Strings go
    /// in through interpolation, since a Swift `String` is not a C vararg.
    /// Go: `log.Printf(format, arguments…)`.
    public static func printf(_ format: String, _ arguments: any CVarArg...) {
        output(cFormat(format, arguments))
    }

    /// Logs the items like `print(_:separator:)`, then exits with status 1.
    /// Go: `log.Fatal(items…)` and `log.Fatalln(items…)`.
    public static func fatal(_ items: Any..., separator: String = " ") -> Never {
        output(items.map { String(describing: $0) }.joined(separator: separator))
        exit(1)
    }

    /// Logs a message like `printf(_:_:)`, then exits with status 1. Go: `log.Fatalf(…)`.
    public static func fatalf(_ format: String, _ arguments: any CVarArg...) -> Never {
        output(cFormat(format, arguments))
        exit(1)
    }

    /// The line Go's logger writes for `message` at `seconds` since the epoch: the local date
    /// and time, a space, the message, and a newline unless the message already ends with one.
    /// `package` so the tests can check the format.
    package static func line(_ message: String, at seconds: time_t) -> String {
        var clock = seconds
        var local = tm()
        localtime_r(&clock, &local)
        let stamp = "\(pad(Int(local.tm_year) + 1900, 4))/\(pad(Int(local.tm_mon) + 1, 2))/\(pad(Int(local.tm_mday), 2))"
            + " \(pad(Int(local.tm_hour), 2)):\(pad(Int(local.tm_min), 2)):\(pad(Int(local.tm_sec), 2))"
        return stamp + " " + message + (message.hasSuffix("\n") ? "" : "\n")
    }

    private static func output(_ message: String) {
        let bytes = Array(line(message, at: time(nil)).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }   // standard error is gone: nowhere left to report it
            offset += written
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func cFormat(_ format: String, _ arguments: [any CVarArg]) -> String {
        // A va_list is consumed by one use, so measure and fill with two.
        let length = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
        guard length > 0 else { return "" }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
