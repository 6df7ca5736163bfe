// Durations on the command line, written as Go writes them.
import Cake
import Testing

@Suite("Go durations")
struct GoDurationTests {
    @Test("parses what time.ParseDuration accepts", arguments: [
        ("0", Duration.zero), ("10ms", .milliseconds(10)), ("2.5ms", .microseconds(2500)),
        ("1.5s", .milliseconds(1500)), ("1m30s", .seconds(90)), ("1h", .seconds(3600)),
        ("250us", .microseconds(250)), ("250µs", .microseconds(250)), ("250μs", .microseconds(250)),
        ("40ns", .nanoseconds(40)), ("+5s", .seconds(5)), ("-3ms", .milliseconds(-3)),
        (".5s", .milliseconds(500)), ("1.s", .seconds(1)), ("1h2m3s4ms", .milliseconds(3_723_004)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(GoDuration.parse(text) == expected)
    }

    @Test("rejects what time.ParseDuration rejects", arguments: [
        "", "10", "ms", "10parsecs", "1.2.3s", "s10", "-", "10 ms", ".s", "1e3ms",
    ])
    func rejects(_ text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    @Test("formats as Duration.String does", arguments: [
        (Duration.zero, "0s"), (.nanoseconds(40), "40ns"), (.microseconds(250), "250µs"),
        (.microseconds(2500), "2.5ms"), (.milliseconds(10), "10ms"), (.milliseconds(1500), "1.5s"),
        (.seconds(90), "1m30s"), (.seconds(3600), "1h0m0s"), (.milliseconds(-3), "-3ms"),
        (.nanoseconds(1_000_001), "1.000001ms"), (.milliseconds(229_410), "3m49.41s"),
    ])
    func formats(_ duration: Duration, _ expected: String) {
        #expect(GoDuration.format(duration) == expected)
    }
}
