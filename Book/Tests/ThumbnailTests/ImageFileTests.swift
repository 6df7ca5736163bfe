import Foundation
import Testing
@testable import Thumbnail

@Suite("Thumbnail sizes and names")
struct SizeTests {
    @Test("the original's rule: the longer side becomes 128, the aspect ratio is kept (truncated)",
          arguments: [
              ((3000, 2000), (128, 85)),    // landscape
              ((2000, 3000), (85, 128)),    // portrait
              ((500, 500), (128, 128)),     // square
              ((64, 32), (128, 64)),        // a small image grows, as in the original
              ((1000, 3), (128, 1)),        // the original gives 128 × 0
              ((3, 1000), (1, 128)),        // the original gives 0 × 128
              ((1, 1), (128, 128)),
          ])
    func sizes(source: (Int, Int), expected: (Int, Int)) {
        let size = thumbnailSize(width: source.0, height: source.1)
        #expect(size.width == expected.0 && size.height == expected.1)
    }

    @Test("the name is the original's: .thumb before filepath.Ext of the last element",
          arguments: [
              ("a.jpg", "a.thumb.jpg"),
              ("photos/IMG.JPEG", "photos/IMG.thumb.JPEG"),
              ("a.b.png", "a.b.thumb.png"),
              ("dir.v2/photo", "dir.v2/photo.thumb"),
              ("noext", "noext.thumb"),
              ("", ".thumb"),
              (".hidden", ".thumb.hidden"),
          ])
    func names(infile: String, outfile: String) {
        #expect(thumbnailName(infile) == outfile)
    }
}

@Suite("imageFile")
struct ImageFileTests {
    @Test("JPEG in, JPEG out, fitted to 128 × 128", arguments: [(3000, 2000), (900, 1600), (1000, 3), (3, 1000), (40, 30)])
    func jpeg(width: Int, height: Int) throws {
        let scratch = try Scratch()
        let infile = try scratch.file("photo.jpg", TestImage.photo(width: width, height: height).jpeg())

        let outfile = try imageFile(infile)

        #expect(outfile == scratch.path + "/photo.thumb.jpg")
        let (thumb, isPNG) = try #require(TestImage.read(outfile))
        #expect(!isPNG)
        let expected = thumbnailSize(width: width, height: height)
        #expect(thumb.width == expected.width && thumb.height == expected.height)
        #expect(thumb.width >= 1 && thumb.height >= 1 && max(thumb.width, thumb.height) == 128)
    }

    @Test("a PNG named .png gives a PNG thumbnail, its transparency kept")
    func pngPath() throws {
        let scratch = try Scratch()
        // Opaque blue on the left, fully transparent red from x = 202 on.
        let image = TestImage(width: 400, height: 200, channels: 4) { x, _ in x < 202 ? [0, 0, 255, 255] : [255, 0, 0, 0] }
        let infile = try scratch.file("icon.png", image.png())

        let outfile = try imageFile(infile)

        #expect(outfile == scratch.path + "/icon.thumb.png")
        let (thumb, isPNG) = try #require(TestImage.read(outfile))
        #expect(isPNG)
        #expect(thumb.width == 128 && thumb.height == 64)
        #expect(Array(thumb.pixel(10, 10)) == [0, 0, 255, 255])
        #expect(thumb.pixel(120, 10).last == 0)
        // Thumbnail pixel 64 covers source pixels 200 to 203.125, two of them blue: partly
        // transparent, and still pure blue (the transparent red does not bleed in).
        let edge = Array(thumb.pixel(64, 10))
        #expect(edge[0] <= 1 && edge[2] >= 254, "\(edge)")
        #expect((161...165).contains(edge[3]), "\(edge)")
    }

    @Test("a PNG under another name gives a JPEG (the original's format), and a JPEG named .png a PNG")
    func formatFollowsTheName() throws {
        let scratch = try Scratch()
        let png = try scratch.file("really-a-png.jpg", TestImage.photo(width: 300, height: 300).png())
        let jpeg = try scratch.file("really-a-jpeg.png", TestImage.photo(width: 300, height: 300).jpeg())

        #expect(try TestImage.read(imageFile(png))?.isPNG == false)
        #expect(try TestImage.read(imageFile(jpeg))?.isPNG == true)
    }

    @Test("a CMYK JPEG, as print work is saved, comes out in RGB",
          arguments: [([255, 0, 0, 255], [255, 0, 0]),      // magenta and yellow ink: red
                      ([0, 255, 255, 255], [0, 255, 255]),  // cyan ink
                      ([255, 255, 255, 128], [128, 128, 128])])   // half black
    func cmyk(inks: [UInt8], rgb: [Int]) throws {
        let scratch = try Scratch()
        let infile = try scratch.file("print.jpg", TestImage.cmykJPEG(width: 300, height: 200, inks: inks))

        let thumb = try #require(TestImage.read(imageFile(infile))?.image)

        #expect(thumb.width == 128 && thumb.height == 85)
        let centre = thumb.pixel(64, 42).map(Int.init)
        #expect(zip(centre, rgb).allSatisfy { abs($0 - $1) <= 4 }, "\(centre)")
    }

    @Test("the async imageFile makes the same thumbnail")
    func asyncOverload() async throws {
        let scratch = try Scratch()
        let infile = try scratch.file("a.jpg", TestImage.photo(width: 640, height: 480).jpeg())

        let outfile = try await imageFile(infile)

        #expect(TestImage.read(outfile)?.image.width == 128)
    }
}

@Suite("Filter quality")
struct FilterTests {
    @Test("a one-pixel checkerboard averages to grey, where nearest neighbour gives black or white")
    func checkerboardPNG() throws {
        let scratch = try Scratch()
        let board = TestImage(width: 512, height: 256) { x, y in (x + y) % 2 == 0 ? [0, 0, 0] : [255, 255, 255] }
        let outfile = try imageFile(scratch.file("board.png", board.png()))

        let thumb = try #require(TestImage.read(outfile)?.image)
        #expect(thumb.width == 128 && thumb.height == 64)
        for y in 0..<thumb.height {
            for x in 0..<thumb.width {
                #expect(thumb.pixel(x, y).prefix(3).allSatisfy { (126...129).contains($0) }, "at (\(x), \(y))")
            }
        }
    }

    @Test("a JPEG of 4-pixel squares averages to grey through the DCT-scaled decoding")
    func checkerboardJPEG() throws {
        let scratch = try Scratch()
        let board = TestImage(width: 1024, height: 1024) { x, y in (x / 4 + y / 4) % 2 == 0 ? [0, 0, 0] : [255, 255, 255] }
        let outfile = try imageFile(scratch.file("board.jpg", board.jpeg()))

        let thumb = try #require(TestImage.read(outfile)?.image)
        #expect(thumb.width == 128 && thumb.height == 128)
        let values = thumb.pixels.map(Int.init)
        #expect(values.allSatisfy { (110...145).contains($0) }, "range \(values.min()!)...\(values.max()!)")
    }

    @Test("a ramp shrinks to the mean of each covered span")
    func ramp() throws {
        let scratch = try Scratch()
        // 1000 pixels to 128: each thumbnail pixel covers 7.8125 source pixels, partly.
        let ramp = TestImage(width: 1000, height: 10) { x, _ in [UInt8(x / 4), 0, UInt8(255 - x / 4)] }
        let outfile = try imageFile(scratch.file("ramp.png", ramp.png()))

        let thumb = try #require(TestImage.read(outfile)?.image)
        #expect(thumb.width == 128 && thumb.height == 1)
        let scale = 1000.0 / 128
        for x in 0..<128 {
            // The exact area average of floor(s / 4) over [x·scale, (x+1)·scale).
            var sum = 0.0
            var s = Double(x) * scale
            while s < Double(x + 1) * scale {
                let next = min(Double(x + 1) * scale, s.rounded(.down) + 1)
                sum += (next - s) * Double(Int(s) / 4)
                s = next
            }
            let expected = sum / scale
            #expect(abs(Double(thumb.pixel(x, 0).first!) - expected) <= 1, "at \(x): \(thumb.pixel(x, 0).first!) against \(expected)")
        }
    }

    @Test("growing a small image interpolates between the pixels")
    func growing() throws {
        let scratch = try Scratch()
        let pair = TestImage(width: 2, height: 1) { x, _ in x == 0 ? [0, 0, 0] : [200, 200, 200] }
        let outfile = try imageFile(scratch.file("pair.png", pair.png()))

        let thumb = try #require(TestImage.read(outfile)?.image)
        #expect(thumb.width == 128 && thumb.height == 64)
        let row = (0..<128).map { Int(thumb.pixel($0, 0).first!) }
        #expect(row.first! <= 2 && row.last! >= 198)
        #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 })   // rises steadily
        #expect(Set(row).count > 50)                                   // through many shades, not two
    }
}

@Suite("Failures")
struct FailureTests {
    @Test("a missing file: the original's open error, and nothing written")
    func missing() throws {
        let scratch = try Scratch()
        let infile = scratch.path + "/missing.jpg"

        #expect(throws: ThumbnailError(kind: .open(path: infile, errno: ENOENT))) { try imageFile(infile) }
        #expect(try scratch.listing() == [])
        #expect("\(ThumbnailError(kind: .open(path: infile, errno: ENOENT)))" == "open \(infile): no such file or directory")
    }

    @Test("not an image, or an empty file: 'image: unknown format', and no thumbnail",
          arguments: [Array("hello, world\n".utf8), []])
    func notAnImage(contents: [UInt8]) throws {
        let scratch = try Scratch()
        let infile = try scratch.file("notes.txt", contents)

        let error = try #require(throws: ThumbnailError.self) { try imageFile(infile) }

        #expect("\(error)" == "scaling \(infile) to \(scratch.path)/notes.thumb.txt: image: unknown format")
        #expect(try scratch.listing() == ["notes.txt"])
    }

    @Test("a truncated or corrupt JPEG or PNG: a codec error, no thumbnail, and an old one left as it was",
          arguments: ["truncated.jpg", "corrupt.jpg", "truncated.png"])
    func broken(name: String) throws {
        let scratch = try Scratch()
        let photo = TestImage.photo(width: 800, height: 600)
        var bytes = name.hasSuffix(".png") ? photo.png() : photo.jpeg()
        if name.hasPrefix("truncated") {
            bytes.removeLast(bytes.count / 2)
        } else {
            // The headers intact, the entropy-coded data garbage.
            for i in stride(from: bytes.count / 3, to: bytes.count - 2, by: 7) { bytes[i] = 0xFF }
        }
        let infile = try scratch.file(name, bytes)
        let old = try scratch.file(thumbnailName(name), Array("previous thumbnail".utf8))

        let error = try #require(throws: ThumbnailError.self) { try imageFile(infile) }

        let codec = name.hasSuffix(".png") ? "png" : "jpeg"
        #expect("\(error)".hasPrefix("scaling \(infile) to \(old): \(codec): "), "\(error)")
        #expect(try scratch.listing() == [name, thumbnailName(name)].sorted())
        #expect(FileManager.default.contents(atPath: old) == Data("previous thumbnail".utf8))
    }

    @Test("a directory: the original's 'image: unknown format', and no thumbnail")
    func directory() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path + "/album", withIntermediateDirectories: false)

        let error = try #require(throws: ThumbnailError.self) { try imageFile(scratch.path + "/album") }

        #expect("\(error)" == "scaling \(scratch.path)/album to \(scratch.path)/album.thumb: image: unknown format")
        #expect(try scratch.listing() == ["album"])
    }

    @Test("a thumbnail that cannot be created: the original's open error for it, nothing left behind")
    func cannotCreate() throws {
        let scratch = try Scratch()
        let infile = try scratch.file("a.jpg", TestImage.photo(width: 300, height: 200).jpeg())
        // The thumbnail's name is taken by a directory that is not empty: the rename fails.
        try FileManager.default.createDirectory(atPath: scratch.path + "/a.thumb.jpg/x", withIntermediateDirectories: true)

        let error = try #require(throws: ThumbnailError.self) { try imageFile(infile) }

        #expect("\(error)".hasPrefix("scaling \(infile) to \(scratch.path)/a.thumb.jpg: rename "), "\(error)")
        #expect(try scratch.listing() == ["a.jpg", "a.thumb.jpg"])
    }
}
