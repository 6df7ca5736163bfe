// FlagSet's integer flags (crawl2's `-depth`) against what Go 1.23's flag.Int and flag.Parse
// print and do.
import ExampleSupport
import Testing

@Suite("Go's integer flags")
struct IntFlagsTests {
    private func parse(_ arguments: [String]) -> (FlagSet.Outcome, depth: Int) {
        let flags = FlagSet()
        let depth = flags.int("depth", -1, "how deep")
        let outcome = flags.parse(arguments.map { Array($0.utf8) })
        return (outcome, depth.value)
    }

    @Test func valueAfterTheFlagOrAfterAnEqualsSign() {
        #expect(parse(["-depth", "3", "a"]) == (.arguments([Array("a".utf8)]), 3))
        #expect(parse(["-depth=-2"]) == (.arguments([]), -2))
        #expect(parse(["--depth", "+4"]) == (.arguments([]), 4))
        #expect(parse(["url"]) == (.arguments([Array("url".utf8)]), -1))
    }

    @Test func errors() {
        #expect(parse(["-depth"]).0 == .failure(Array("flag needs an argument: -depth".utf8)))
        #expect(parse(["-depth", "deep"]).0 == .failure(Array(#"invalid value "deep" for flag -depth: parse error"#.utf8)))
        #expect(parse(["-depth=1.5"]).0 == .failure(Array(#"invalid value "1.5" for flag -depth: parse error"#.utf8)))
    }

    @Test("usage as Go's flag.PrintDefaults, then the notes")
    func usage() {
        let flags = FlagSet(notes: "More words.")
        _ = flags.int("depth", -1, "how deep\nsecond line")
        _ = flags.int("zero", 0, "zero default")
        let text = String(decoding: flags.usage(programName: Array("crawl2".utf8)), as: UTF8.self)
        #expect(text == """
            Usage of crawl2:
              -depth int
                \thow deep
                \tsecond line (default -1)
              -zero int
                \tzero default
            More words.

            """)
    }
}
