import Foundation
import ProgramTesting
import Testing

/// Runs the built crawler `name` with `arguments` and a page timeout short enough for the
/// never-answering page, long enough for the others on a loaded machine.
func startCrawler(
    _ name: String, _ arguments: [String], input: ChildInput = .devNull, timeout: String = "10"
) throws -> ChildProcess {
    var environment = ProcessInfo.processInfo.environment
    environment["CRAWL_TIMEOUT"] = timeout
    return try ChildProcess(try Programs.swift(name), arguments: arguments, input: input, environment: environment)
}

/// The lines of `bytes`, without the newline that ends the last.
func lines(_ bytes: [UInt8]) -> [String] {
    let text = String(decoding: bytes, as: UTF8.self)
    if text.isEmpty { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init)
}

/// The messages of Go-style log lines, each checked for the `YYYY/MM/DD HH:MM:SS ` prefix.
func logMessages(_ bytes: [UInt8]) -> [String] {
    lines(bytes).map { line in
        let stamp = Array(line.utf8.prefix(20))
        let shape = Array("0000/00/00 00:00:00 ".utf8)
        let matches = stamp.count == 20 && zip(stamp, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        }
        guard matches else {
            Issue.record("not a Go log line: \(line)")
            return line
        }
        return String(decoding: line.utf8.dropFirst(20), as: UTF8.self)
    }
}

/// The messages of the complete log lines in `bytes` so far, unchecked: for deciding when to
/// stop reading.
func messagesSoFar(_ bytes: [UInt8]) -> Set<String> {
    let complete = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes[...$0] } ?? []
    return Set(lines(Array(complete)).map { String(decoding: $0.utf8.dropFirst(20), as: UTF8.self) })
}

/// Each line of `all` that occurs more than once.
func duplicates(_ all: [String]) -> [String] {
    var seen: Set<String> = []
    return all.filter { !seen.insert($0).inserted }
}
