import Foundation
import ProgramTesting
import Testing

@Suite("The thumbnail program", .timeLimit(.minutes(2)))
struct ProgramTests {
    @Test("names in, thumbnails' names out; each failure logged in Go's format, and it carries on")
    func namesInNamesOut() async throws {
        let program = try Programs.swift("thumbnail")
        let scratch = try Scratch()
        let a = try scratch.file("a.jpg", TestImage.photo(width: 600, height: 400).jpeg())
        let b = try scratch.file("b.PNG", TestImage.photo(width: 200, height: 500).png())
        try scratch.file("notes.txt", Array("not an image".utf8))
        let dir = scratch.path

        let run = try await ThumbnailRun.run(program, lines: [a, "\(dir)/missing.jpg", "\(dir)/notes.txt", "", b + "\r"])

        #expect(run.status == .exited(0), "\(run)")
        #expect(run.stdoutLines == ["\(dir)/a.thumb.jpg", "\(dir)/b.thumb.PNG"], "\(run)")
        #expect(run.logMessages == [
            "open \(dir)/missing.jpg: no such file or directory",
            "scaling \(dir)/notes.txt to \(dir)/notes.thumb.txt: image: unknown format",
            "open : no such file or directory",
        ])
        #expect(TestImage.read("\(dir)/a.thumb.jpg")?.image.width == 128)
        #expect(TestImage.read("\(dir)/b.thumb.PNG")?.isPNG == true)
        #expect(try scratch.listing() == ["a.jpg", "a.thumb.jpg", "b.PNG", "b.thumb.PNG", "notes.txt"])
    }

    @Test("it answers each line as it comes, before the input ends")
    func lineByLine() async throws {
        let program = try Programs.swift("thumbnail")
        let scratch = try Scratch()
        let a = try scratch.file("a.jpg", TestImage.photo(width: 300, height: 200).jpeg())
        let child = try ChildProcess(program, input: .pipe)
        defer { child.finish() }

        child.writeToStdin(Array("\(a)\n".utf8))
        let first = try await child.stdout.read(until: { $0.contains(UInt8(ascii: "\n")) }, within: .seconds(30))
        #expect(String(decoding: first, as: UTF8.self) == "\(scratch.path)/a.thumb.jpg\n")

        child.writeToStdin(Array("\(scratch.path)/nothing.jpg\n".utf8))
        let logged = try await child.stderr.read(until: { $0.contains(UInt8(ascii: "\n")) }, within: .seconds(30))
        #expect(String(decoding: logged, as: UTF8.self).hasSuffix(" open \(scratch.path)/nothing.jpg: no such file or directory\n"))

        child.closeStdin()
        #expect(try await child.exitStatus(within: .seconds(30)) == .exited(0))
    }

    @Test("a line of 64 KiB: log.Fatal with bufio's error, exit status 1, after the lines before it")
    func tokenTooLong() async throws {
        let program = try Programs.swift("thumbnail")
        // A line as long as the scanner's whole buffer, with no room left for its newline.
        // The program reads all of it before it stops, so the write cannot fail.
        let input = Array("x.jpg\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 65536)

        let run = try await ThumbnailRun.run(program, input: input)

        #expect(run.status == .exited(1), "\(run)")
        #expect(run.stdout == "")
        #expect(run.logMessages == ["open x.jpg: no such file or directory", "bufio.Scanner: token too long"])
    }

    @Test("standard input at end of file, or closed: nothing to do, exit status 0", arguments: [ChildInput.devNull, .closed])
    func noInput(input: ChildInput) async throws {
        let child = try ChildProcess(try Programs.swift("thumbnail"), input: input)
        defer { child.finish() }
        async let errors = child.stderr.readAll(within: .seconds(30))
        #expect(try await child.stdout.readAll(within: .seconds(30)) == [])
        #expect(try await errors == [])
        #expect(try await child.exitStatus(within: .seconds(30)) == .exited(0))
    }
}
