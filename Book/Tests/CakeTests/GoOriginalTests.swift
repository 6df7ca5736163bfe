// The port against the Go original's verbose lines, when a Go toolchain and a gopl.io checkout
// are at hand. The original has no program, only benchmarks, whose shop prints its steps when
// Verbose is set; the test builds a copy of the package in a scratch GOPATH with Verbose set to
// true (the book's code is not part of this repository; its licence is non-commercial).
import Foundation
import Testing

/// A Go toolchain and the gopl.io sources, found as the ExamplesTests find them.
enum CakeGoOriginal {
    static let toolchain: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["GO"], "/usr/lib/go-1.23/bin/go"].compactMap { $0 }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/go" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let source: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["GOPL_IO_SRC"], environment["GOPATH"].map { "\($0)/src/gopl.io" }, "/tmp/gopath/src/gopl.io"]
        return candidates.compactMap { $0 }.first { FileManager.default.isReadableFile(atPath: "\($0)/ch8/cake/cake_test.go") }
    }()

    static var available: Bool { toolchain != nil && source != nil }

    static var skipReason: Comment {
        "comparison with the Go original skipped: needs a Go toolchain (GO) and a gopl.io checkout (GOPL_IO_SRC)"
    }
}

@Suite("The Go original", .timeLimit(.minutes(3)), .enabled(if: CakeGoOriginal.available, CakeGoOriginal.skipReason))
struct CakeGoOriginalTests {
    @Test("the baseline shop prints the same verbose lines as the original's Benchmark")
    func sameVerboseLines() async throws {
        let go = try #require(CakeGoOriginal.toolchain), source = try #require(CakeGoOriginal.source)
        let scratch = try TemporaryDirectory()
        let package = scratch.path + "/gopath/src/gopl.io/ch8/cake"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source + "/ch8/cake/cake.go", toPath: package + "/cake.go")
        let test = try String(contentsOfFile: source + "/ch8/cake/cake_test.go", encoding: .utf8)
        #expect(test.contains("testing.Verbose()"))
        try test.replacingOccurrences(of: "testing.Verbose()", with: "true")
            .write(toFile: package + "/cake_test.go", atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["GOPATH"] = scratch.path + "/gopath"
        environment["GO111MODULE"] = "off"
        environment["GOFLAGS"] = ""
        environment["GOTOOLCHAIN"] = "local"
        if environment["GOCACHE"] == nil && environment["HOME"] == nil {
            environment["GOCACHE"] = scratch.path + "/gocache"
        }

        // One run of the baseline on each side.
        async let original = runProgram(go, ["test", "-run", "^$", "-bench", "^Benchmark$", "-benchtime", "1x", "gopl.io/ch8/cake"],
                                        environment: environment)
        async let port = CakeCommand.run(["--verbose"])
        let (goRun, swiftRun) = try await (original, port)

        #expect(goRun.status == 0, "\(goRun)")
        #expect(swiftRun.status == 0, "\(swiftRun)")
        let steps = { (finished: Finished) in
            finished.stdoutLines.filter { line in
                ["baking ", "icing ", "inscribing ", "finished "].contains { line.hasPrefix($0) }
            }
        }
        let goSteps = steps(goRun), swiftSteps = steps(swiftRun)
        #expect(goSteps.count == 80)
        #expect(swiftSteps.sorted() == goSteps.sorted())
        // One cook per stage: both print each stage's cakes in order.
        for step in ["baking ", "icing ", "inscribing ", "finished "] {
            #expect(swiftSteps.filter { $0.hasPrefix(step) } == goSteps.filter { $0.hasPrefix(step) })
        }
    }
}
