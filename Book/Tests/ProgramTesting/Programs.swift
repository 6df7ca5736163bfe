#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// Where the programs under test are.
///
/// The Swift programs are this package's executable products, found beside the test bundle in
/// the build products directory: `swift build --build-tests` and `swift test` build every
/// product there. The test target does not depend on them, since SwiftPM allows that only to
/// import an executable's module and would link the programs' code into the test bundle.
/// `EXAMPLES_BIN_DIR` overrides the directory, for example to test a release build from a
/// debug test run (or, to check the expectations themselves, the Go originals).
public enum Programs {
    public static let swiftDirectory: String = {
        if let directory = ProcessInfo.processInfo.environment["EXAMPLES_BIN_DIR"] {
            return directory
        }
        #if os(Linux)
        // On Linux the test bundle is itself the running executable.
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        #else
        // On macOS an xctest (or swiftpm-testing-helper) process loads the .xctest bundle.
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundlePath
            ?? CommandLine.arguments[0]
        #endif
        return (bundle as NSString).deletingLastPathComponent
    }()

    /// The path of the built Swift program `name`; a missing program is a test failure that says
    /// how to build it.
    public static func swift(_ name: String) throws -> String {
        let path = swiftDirectory + "/" + name
        guard access(path, X_OK) == 0 else {
            throw MissingProgram(path: path)
        }
        return path
    }
}

public struct MissingProgram: Error, CustomStringConvertible {
    public let path: String
    public init(path: String) { self.path = path }
    public var description: String {
        "\(path) is not built: run `swift build --build-tests` (or `swift test`, which builds every product)"
    }
}

/// The Go originals from gopl.io, built once per test run into `gopl-originals/` in the build
/// products directory (ignored by git, removed by `swift package clean`).
///
/// They need a Go toolchain (`GO`, else /usr/lib/go-1.23/bin/go, else `go` on the PATH) and a
/// checkout of github.com/adonovan/gopl.io (`GOPL_IO_SRC`, else `$GOPATH/src/gopl.io`, else
/// /tmp/gopath/src/gopl.io). The book's code is not part of this repository (its licence is
/// non-commercial), so without them the comparisons are skipped, and the skip says why.
public enum GoOriginals {
    public static let toolchain: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["GO"], "/usr/lib/go-1.23/bin/go"].compactMap { $0 }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/go" }
        return candidates.first { access($0, X_OK) == 0 }
    }()

    public static let source: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["GOPL_IO_SRC"],
            environment["GOPATH"].map { "\($0)/src/gopl.io" },
            "/tmp/gopath/src/gopl.io",
        ].compactMap { $0 }
        return candidates.first { access("\($0)/ch8/countdown2/countdown.go", R_OK) == 0 }
    }()

    public static var available: Bool { toolchain != nil && source != nil }

    /// Why the comparisons are skipped, for the test report.
    public static var skipReason: Comment {
        var missing: [String] = []
        if toolchain == nil {
            missing.append("a Go toolchain (set GO, or put go on the PATH)")
        }
        if source == nil {
            missing.append("a checkout of github.com/adonovan/gopl.io (set GOPL_IO_SRC, or clone it to $GOPATH/src/gopl.io)")
        }
        return Comment(rawValue: "comparison with the Go originals skipped: no " + missing.joined(separator: " and no "))
    }

    /// Builds gopl.io/ch8 `programs` with the toolchain and checkout found above, in GOPATH
    /// mode, into `folder/bin` in the build products directory; returns that bin directory.
    /// `libraries` are more GOPATH entries, for packages the programs import from outside
    /// gopl.io (the crawlers' golang.org/x/net/html).
    public static func build(_ programs: [String], into folder: String, libraries: [String] = []) async throws -> String {
        guard let toolchain, let source else { throw GoUnavailable(reason: skipReason.rawValue) }
        let scratch = Programs.swiftDirectory + "/" + folder
        // GOPATH mode wants the checkout at $GOPATH/src/gopl.io: link it there.
        let files = FileManager.default
        try files.createDirectory(atPath: scratch + "/gopath/src", withIntermediateDirectories: true)
        try? files.removeItem(atPath: scratch + "/gopath/src/gopl.io")
        try files.createSymbolicLink(atPath: scratch + "/gopath/src/gopl.io", withDestinationPath: source)
        var environment = ProcessInfo.processInfo.environment
        environment["GOPATH"] = ([scratch + "/gopath"] + libraries).joined(separator: ":")
        environment["GO111MODULE"] = "off"
        environment["GOFLAGS"] = ""
        environment["GOTOOLCHAIN"] = "local"
        if environment["GOCACHE"] == nil && environment["HOME"] == nil {
            environment["GOCACHE"] = scratch + "/gocache"
        }
        let child = try ChildProcess(
            toolchain,
            arguments: ["build", "-o", scratch + "/bin/"] + programs.map { "gopl.io/ch8/\($0)" },
            input: .devNull,
            environment: environment
        )
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(300))
        _ = try await child.stdout.readAll(within: .seconds(300))
        let status = try await child.exitStatus(within: .seconds(300))
        let message = String(decoding: try await errors, as: UTF8.self)
        guard status == .exited(0) else {
            throw GoBuildFailed(description: "go build failed (\(status)): \(message)")
        }
        return scratch + "/bin"
    }
}

public struct GoUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

public struct GoBuildFailed: Error, CustomStringConvertible {
    public let description: String
}

/// Which sanitizer runtimes this test process carries: `swift test --sanitize=thread` builds the
/// programs under test with the same runtime.
public enum Sanitizers {
    /// ThreadSanitizer is loaded (its runtime defines `__tsan_init`).
    public static let thread: Bool = {
        guard let program = dlopen(nil, RTLD_NOW) else { return false }
        defer { dlclose(program) }
        return dlsym(program, "__tsan_init") != nil
    }()

    /// Why the spinner is not run under ThreadSanitizer.
    public static let spinnerSkipReason: Comment = """
        under ThreadSanitizer fib(45) makes over a billion instrumented calls and takes minutes; \
        its two goroutines share only standard output, and the plain test run checks it
        """
}
