// Images made by the tests, with the same C libraries the library uses, but through calls of
// the tests' own: a fault in the library's codec code cannot hide itself here.
import CPNG
import CTurboJPEG
import Foundation

/// An 8-bit image in memory: 3 channels (RGB) or 4 (RGBA), rows top to bottom.
struct TestImage: Equatable {
    var width: Int
    var height: Int
    var channels: Int
    var pixels: [UInt8]

    /// An image whose pixel (x, y) is `colour(x, y)`, its channels in order.
    init(width: Int, height: Int, channels: Int = 3, _ colour: (Int, Int) -> [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        pixels = []
        pixels.reserveCapacity(width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let value = colour(x, y)
                precondition(value.count == channels)
                pixels += value
            }
        }
    }

    init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    func pixel(_ x: Int, _ y: Int) -> ArraySlice<UInt8> {
        let at = (y * width + x) * channels
        return pixels[at..<(at + channels)]
    }

    /// A photo-like image: gradients and a smooth pattern in every channel.
    static func photo(width: Int, height: Int) -> TestImage {
        TestImage(width: width, height: height) { x, y in
            [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), UInt8((x + y) % 256)]
        }
    }

    // MARK: Encoding

    /// A JPEG at quality 95 without chroma subsampling, so that colours come back close.
    func jpeg() -> [UInt8] {
        precondition(channels == 3)
        let handle = tjInitCompress()!
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = tjCompress2(handle, pixels, Int32(width), 0, Int32(height), Int32(TJPF_RGB.rawValue),
                                 &output, &size, Int32(TJSAMP_444.rawValue), 95, 0)
        defer { tjFree(output) }
        precondition(status == 0, String(cString: tjGetErrorStr2(handle)))
        return Array(UnsafeBufferPointer(start: output!, count: Int(size)))
    }

    /// A CMYK JPEG (TurboJPEG writes it as YCCK), every pixel `inks`, stored inverted as
    /// Adobe's applications store them (255 is no ink).
    static func cmykJPEG(width: Int, height: Int, inks: [UInt8]) -> [UInt8] {
        let pixels = [[UInt8]](repeating: inks, count: width * height).flatMap { $0 }
        let handle = tjInitCompress()!
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = tjCompress2(handle, pixels, Int32(width), 0, Int32(height), Int32(TJPF_CMYK.rawValue),
                                 &output, &size, Int32(TJSAMP_444.rawValue), 95, 0)
        defer { tjFree(output) }
        precondition(status == 0, String(cString: tjGetErrorStr2(handle)))
        return Array(UnsafeBufferPointer(start: output!, count: Int(size)))
    }

    func png() -> [UInt8] {
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 4 ? CPNG_FORMAT_RGBA : UInt32(PNG_FORMAT_FLAG_COLOR)
        var size = 0
        precondition(png_image_write_to_memory(&image, nil, &size, 0, pixels, 0, nil) != 0)
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes {
            png_image_write_to_memory(&image, $0.baseAddress, &size, 0, pixels, 0, nil)
        }
        precondition(written != 0)
        return Array(output.prefix(size))
    }

    // MARK: Decoding

    /// The JPEG or PNG in `data`, decoded in full (RGB for JPEG, RGBA for PNG); nil if it is
    /// neither or does not decode.
    static func decode(_ data: [UInt8]) -> (image: TestImage, isPNG: Bool)? {
        if data.starts(with: [0xFF, 0xD8]) {
            let handle = tjInitDecompress()!
            defer { tjDestroy(handle) }
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
            guard tjDecompressHeader3(handle, data, UInt(data.count), &width, &height, &subsampling, &colorspace) == 0 else {
                return nil
            }
            var pixels = [UInt8](repeating: 0, count: Int(width * height) * 3)
            guard tjDecompress2(handle, data, UInt(data.count), &pixels, width, 0, height,
                                Int32(TJPF_RGB.rawValue), TJFLAG_STOPONWARNING) == 0 else { return nil }
            return (TestImage(width: Int(width), height: Int(height), channels: 3, pixels: pixels), false)
        }
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        guard png_image_begin_read_from_memory(&image, data, data.count) != 0 else { return nil }
        image.format = CPNG_FORMAT_RGBA
        var pixels = [UInt8](repeating: 0, count: Int(image.width * image.height) * 4)
        guard png_image_finish_read(&image, nil, &pixels, 0, nil) != 0 else {
            png_image_free(&image)
            return nil
        }
        return (TestImage(width: Int(image.width), height: Int(image.height), channels: 4, pixels: pixels), true)
    }

    /// The image in file `path`, decoded; nil if there is none.
    static func read(_ path: String) -> (image: TestImage, isPNG: Bool)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return decode(Array(data))
    }
}

/// A fresh directory for one test's files, removed with the value.
final class Scratch: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "thumbnail-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` in the directory and returns the file's path.
    @discardableResult
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The names in the directory, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
