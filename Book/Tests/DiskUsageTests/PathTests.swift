// Paths as bytes, Go's filepath.Clean and filepath.Join, Go's error texts and the du output
// line. The expected values were printed by Go 1.23 (path/filepath, fmt, syscall.Errno).
@testable import DiskUsage
import Testing

@Suite("du: paths, error texts, the totals line")
struct DuPathTests {
    @Test("Clean as Go's filepath.Clean", arguments: [
        ("", "."), (".", "."), ("..", ".."), ("/", "/"), ("//", "/"), ("///a//b/", "/a/b"),
        ("a/b/../c", "a/c"), ("a/../..", ".."), ("../../a/..", "../.."), ("/../a", "/a"),
        ("/a/./b/.", "/a/b"), ("./a", "a"), ("a/", "a"), ("abc/def/../../..", ".."), ("/..", "/"),
        ("a//b//../../../c", "../c"), (".../a", ".../a"), ("a/.b/..c/..", "a/.b"),
    ])
    func cleanedMatchesGo(_ path: String, _ expected: String) {
        #expect(Path(path).cleaned == Path(expected))
    }

    @Test("Join as Go's filepath.Join")
    func joinMatchesGo() {
        #expect(Path.join(".", "a") == "a")
        #expect(Path.join("/", "a") == "/a")
        #expect(Path.join("", "a") == "a")
        #expect(Path.join("", "") == Path(bytes: []))
        #expect(Path.join("t/", "a") == "t/a")
        #expect(Path.join("a", "", "b") == "a/b")
        #expect(Path.join("x/../y//", "z") == "y/z")
    }

    @Test("a name that is not UTF-8 keeps its bytes")
    func bytesThatAreNotUTF8() {
        let latin1 = Path(bytes: Array("caf".utf8) + [0xE9])
        #expect(Path.join("d", latin1).bytes == Array("d/caf".utf8) + [0xE9])
        let error = PathError(operation: "open", path: latin1, errno: 13)
        #expect(error.bytes == Array("open caf".utf8) + [0xE9] + Array(": permission denied".utf8))
    }

    @Test("error texts as Go's syscall.Errno prints them")
    func errorTexts() {
        #expect(goErrorText(2) == "no such file or directory")
        #expect(goErrorText(13) == "permission denied")
        #expect(goErrorText(20) == "not a directory")
        #expect(goErrorText(36) == "file name too long")
        #expect(goErrorText(40) == "too many levels of symbolic links")
        #expect(goErrorText(116) == "stale NFS file handle")   // glibc: "Stale file handle"
        #expect(goErrorText(41) == "errno 41")                 // no text in Go's table
        #expect(goErrorText(0) == "errno 0")
        #expect(goErrorText(1000) == "errno 1000")
    }

    @Test("the totals line as Go's fmt prints it", arguments: [
        (0, "0 files  0.0 GB\n"),
        (49_999_999, "49999999 files  0.0 GB\n"),
        (50_000_000, "50000000 files  0.1 GB\n"),
        (150_000_000, "150000000 files  0.1 GB\n"),   // 0.15 is just below in binary
        (250_000_000, "250000000 files  0.2 GB\n"),   // exactly half: to even
        (350_000_000, "350000000 files  0.3 GB\n"),
        (1_050_000_000, "1050000000 files  1.1 GB\n"),
        (5_000_001_067, "5000001067 files  5.0 GB\n"),
        (999_999_999_999, "999999999999 files  1000.0 GB\n"),
        (Int64.max, "9223372036854775807 files  9223372036.9 GB\n"),
    ] as [(Int64, String)])
    func totalsLine(_ count: Int64, _ expected: String) {
        // The same number as files and as bytes, as the Go program that printed these did.
        #expect(diskUsageLine(count, count) == expected)
    }
}
