import CPNG

/// PNG through libpng's simplified API: every PNG (grey, palette, 16-bit, with or without
/// alpha) is read as 8-bit RGBA and written so.
enum PNG {
    static func decode(_ data: [UInt8]) throws(ThumbnailError.Reason) -> Bitmap {
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        guard png_image_begin_read_from_memory(&image, data, data.count) != 0 else {
            throw .codec("png: " + message(of: &image))
        }
        image.format = CPNG_FORMAT_RGBA
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= 1 << 15, height <= 1 << 15 else {
            png_image_free(&image)
            throw .codec("png: image of \(width) × \(height) pixels is too large")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = pixels.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * 4), nil)
        }
        guard finished != 0 else {
            let text = message(of: &image)
            png_image_free(&image)
            throw .codec("png: " + text)
        }
        return Bitmap(width: width, height: height, channels: 4, pixels: pixels)
    }

    static func encode(_ bitmap: Bitmap) throws(ThumbnailError.Reason) -> [UInt8] {
        precondition(bitmap.channels == 4, "PNG thumbnails are RGBA")
        var image = png_image()
        image.version = CPNG_IMAGE_VERSION
        image.width = UInt32(bitmap.width)
        image.height = UInt32(bitmap.height)
        image.format = CPNG_FORMAT_RGBA
        let stride = Int32(bitmap.width * 4)
        // First ask for the size, then write into a buffer that large.
        var size = 0
        guard png_image_write_to_memory(&image, nil, &size, 0, bitmap.pixels, stride, nil) != 0 else {
            throw .codec("png: " + message(of: &image))
        }
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { buffer in
            png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, bitmap.pixels, stride, nil)
        }
        guard written != 0 else { throw .codec("png: " + message(of: &image)) }
        return Array(output.prefix(size))
    }

    /// libpng's message, kept in a fixed array inside the image.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
