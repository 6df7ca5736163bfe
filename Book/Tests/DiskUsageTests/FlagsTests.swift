// Go's flag package as ExampleSupport's FlagSet parses: the expected messages and outcomes
// are what Go 1.23's flag.Parse prints and does for du2's one flag, `-v`.
import ExampleSupport
import Testing

@Suite("du: Go's command-line flags")
struct DuFlagsTests {
    private func parse(_ arguments: [String]) -> (FlagSet.Outcome, verbose: Bool) {
        let flags = FlagSet()
        let verbose = flags.bool("v", false, "show verbose progress messages")
        let outcome = flags.parse(arguments.map { Array($0.utf8) })
        return (outcome, verbose.value)
    }

    private func rest(_ arguments: [String]) -> FlagSet.Outcome {
        .arguments(arguments.map { Array($0.utf8) })
    }

    private func failure(_ message: String) -> FlagSet.Outcome {
        .failure(Array(message.utf8))
    }

    @Test func flagsAndArguments() {
        #expect(parse([]) == (rest([]), false))
        #expect(parse(["-v"]) == (rest([]), true))
        #expect(parse(["--v", "a"]) == (rest(["a"]), true))
        #expect(parse(["-v=false", "a"]) == (rest(["a"]), false))
        #expect(parse(["-v=T"]) == (rest([]), true))
        #expect(parse(["-v=0", "-v"]) == (rest([]), true))
        // The first argument that is not a flag ends the flags; so do "--" and "-".
        #expect(parse(["a", "-v"]) == (rest(["a", "-v"]), false))
        #expect(parse(["--", "-v"]) == (rest(["-v"]), false))
        #expect(parse(["-", "-v"]) == (rest(["-", "-v"]), false))
    }

    @Test func helpAndErrors() {
        #expect(parse(["-h"]).0 == .help)
        #expect(parse(["-help", "x"]).0 == .help)
        #expect(parse(["--help=1"]).0 == .help)
        #expect(parse(["-x"]).0 == failure("flag provided but not defined: -x"))
        #expect(parse(["-v", "-x=1"]).0 == failure("flag provided but not defined: -x"))
        #expect(parse(["---v"]).0 == failure("bad flag syntax: ---v"))
        #expect(parse(["-=v"]).0 == failure("bad flag syntax: -=v"))
        #expect(parse(["-v=maybe"]).0 == failure(#"invalid boolean value "maybe" for -v: parse error"#))
        #expect(parse(["-v="]).0 == failure(#"invalid boolean value "" for -v: parse error"#))
    }

    @Test("usage as Go's flag.PrintDefaults")
    func usage() {
        let flags = FlagSet()
        _ = flags.bool("v", false, "show verbose progress messages")
        _ = flags.bool("long", true, "two\nlines")
        let text = String(decoding: flags.usage(programName: Array("./du2".utf8)), as: UTF8.self)
        #expect(text == "Usage of ./du2:\n  -long\n    \ttwo\n    \tlines (default true)\n  -v\tshow verbose progress messages\n")
        #expect(FlagSet().usage(programName: Array("du1".utf8)) == Array("Usage of du1:\n".utf8))
    }

    @Test("%q as Go's strconv.Quote", arguments: [
        ("maybe", #""maybe""#), ("", #""""#), (#"a"b\c"#, #""a\"b\\c""#), ("tab\there\n", #""tab\there\n""#),
        ("é\u{a0}\u{200b}\u{7f}\u{01}", #""é\u00a0\u200b\x7f\x01""#), ("😀", #""😀""#),
    ])
    func quoted(_ text: String, _ expected: String) {
        #expect(goQuoted(Array(text.utf8)) == expected)
    }

    @Test func quotedBytesThatAreNotUTF8() {
        #expect(goQuoted(Array("caf".utf8) + [0xE9]) == #""caf\xe9""#)
    }
}
