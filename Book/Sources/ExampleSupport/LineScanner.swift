import Channels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads standard input a line at a time as Go's `bufio.Scanner` does with its default
/// `ScanLines`: the line ends at `\n`, a `\r` before it is dropped, a last line without `\n`
/// counts, and a line of 64 KiB or more stops the scan with "bufio.Scanner: token too long".
/// The reads go through `offload`: a read that waits costs its goroutine worker to another thread.
///
/// ```swift
/// let input = LineScanner()
/// while await input.scan() {
///     print(input.text)
/// }
/// if let error = input.error { Log.fatal(error) }
/// ```
///
/// Go: `input := bufio.NewScanner(os.Stdin)`, `input.Scan()`, `input.Text()`, `input.Err()`.
public final class LineScanner {
    /// Go's `bufio.MaxScanTokenSize`: the longest line, its newline included, is one byte less.
    public static let maxTokenSize = 64 * 1024

    /// The line the last successful `scan()` found, without its line ending. Go: `Text()`.
    public private(set) var text = ""
    /// Why the scan stopped, or nil if it reached the end of the input. Go: `Err()`.
    public private(set) var error: ScanError?

    private let fd: Int32
    private var pending: [UInt8] = []   // read, not yet returned as lines
    private var atEOF = false           // the last read returned end of file (or failed)

    public init(fileDescriptor: Int32 = STDIN_FILENO) {
        fd = fileDescriptor
    }

    /// Advances to the next line: true with `text` set, or false at the end of the input or on
    /// an error (then `error` says which).
    public func scan() async -> Bool {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                take(upTo: newline, dropping: 1)
                return true
            }
            if atEOF {
                guard !pending.isEmpty else { return false }
                take(upTo: pending.count, dropping: 0)
                return true
            }
            if pending.count >= Self.maxTokenSize {
                error = ScanError(description: "bufio.Scanner: token too long")
                return false
            }
            let fd = self.fd
            let chunk = await offload { () -> Result<[UInt8], ScanError> in
                var buffer = [UInt8](repeating: 0, count: Self.maxTokenSize)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count >= 0 { return .success(Array(buffer[..<count])) }
                    let number = errno
                    if number == EINTR { continue }
                    return .failure(ScanError(description: "read /dev/stdin: " + errorText(number)))
                }
            }
            switch chunk {
            case .success(let bytes):
                if bytes.isEmpty { atEOF = true }
                pending += bytes
            case .failure(let failure):
                error = failure
                return false
            }
        }
    }

    private func take(upTo end: Int, dropping terminator: Int) {
        var line = pending[..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        text = String(decoding: line, as: UTF8.self)
        pending.removeFirst(end + terminator)
    }
}

/// Why a `LineScanner` stopped early, in Go's words.
public struct ScanError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The C library's message for error `number` with a lower-case first letter, which is how
/// Go's own table of messages was made.
private func errorText(_ number: Int32) -> String {
    let text = String(cString: strerror(number))
    return text.prefix(1).lowercased() + text.dropFirst()
}
