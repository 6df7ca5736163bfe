/// An 8-bit image in memory, rows top to bottom, channels interleaved: 3 (RGB) for JPEG, 4
/// (RGBA, not premultiplied) for PNG.
struct Bitmap: Sendable {
    var width: Int
    var height: Int
    var channels: Int      // 3 or 4
    var pixels: [UInt8]    // width * height * channels bytes, no row padding

    init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels, "pixel buffer of the wrong size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The same image without alpha, composited over black as Go's JPEG encoder does with an
    /// image that has transparency (it encodes the premultiplied colour).
    func opaque() -> Bitmap {
        guard channels == 4 else { return self }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            let alpha = UInt32(pixels[i * 4 + 3])
            for c in 0..<3 {
                rgb[i * 3 + c] = UInt8((UInt32(pixels[i * 4 + c]) * alpha + 127) / 255)
            }
        }
        return Bitmap(width: width, height: height, channels: 3, pixels: rgb)
    }
}

extension Bitmap {
    /// The same image with an alpha channel, opaque where it had none.
    func withAlpha() -> Bitmap {
        guard channels == 3 else { return self }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for i in 0..<(width * height) {
            rgba[i * 4] = pixels[i * 3]
            rgba[i * 4 + 1] = pixels[i * 3 + 1]
            rgba[i * 4 + 2] = pixels[i * 3 + 2]
        }
        return Bitmap(width: width, height: height, channels: 4, pixels: rgba)
    }
}
