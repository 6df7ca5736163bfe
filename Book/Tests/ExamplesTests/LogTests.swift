// Go's log format from ExampleSupport: `YYYY/MM/DD HH:MM:SS message` on standard error, local
// time, and log.Fatal's exit status 1.
import ExampleSupport
import Foundation
import Testing

@Suite("Log")
struct LogTests {
    @Test func lineHasGoDateTimePrefixInLocalTime() {
        // Given an instant, When it is formatted, Then the prefix is the local date and time
        // as an independent formatter writes it.
        let instant = 1_700_000_000
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy/MM/dd HH:mm:ss"
        let stamp = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant)))
        #expect(Log.line("hello", at: time_t(instant)) == "\(stamp) hello\n")
    }

    @Test func lineEndsWithExactlyOneNewline() {
        #expect(Log.line("done\n", at: 0).hasSuffix(" done\n"))
        #expect(!Log.line("done\n", at: 0).hasSuffix("\n\n"))
    }

    @Test func fatalLogsToStandardErrorAndExitsWithStatus1() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            Log.print("listening on", 8000)
            Log.printf("%d files  %.1f GB", 1234, 5.678)
            Log.fatal("bind: address already in use")
        }
        let lines = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let stamp = #/\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} /#
        #expect(lines.count == 4)   // three lines and the empty remainder after the last newline
        for (line, message) in zip(lines, ["listening on 8000", "1234 files  5.7 GB", "bind: address already in use"]) {
            #expect(line.prefixMatch(of: stamp) != nil)
            #expect(line.hasSuffix(" " + message))
        }
    }
}
