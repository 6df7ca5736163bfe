import CTurboJPEG

/// JPEG through TurboJPEG (libjpeg-turbo's simple API, version 2.1 and later).
enum JPEG {
    /// Go's default quality for `jpeg.Encode` with nil options, which the original uses.
    static let quality: Int32 = 75

    /// Decodes `data` (grey, colour or CMYK) to RGB at the smallest of TurboJPEG's scaling factors (1/8, 1/4, 3/8 …
    /// 1/1) that still gives at least `target` pixels on each side, a size computed from the
    /// image's full size by `target(width, height)`. The IDCT does the scaling, so the
    /// discarded detail is never decoded: a 3000 × 2000 photo bound for 128 × 85 decodes at
    /// 375 × 250, many times faster than in full.
    ///
    /// Any warning counts as an error: a truncated or corrupt file fails, as it does in Go.
    static func decode(
        _ data: [UInt8],
        target: (_ width: Int, _ height: Int) -> (width: Int, height: Int)
    ) throws(ThumbnailError.Reason) -> (bitmap: Bitmap, fullWidth: Int, fullHeight: Int) {
        guard let handle = tjInitDecompress() else { throw .codec("jpeg: cannot start the decoder") }
        defer { tjDestroy(handle) }

        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, data, UInt(data.count), &width, &height, &subsampling, &colorspace) == 0,
              width > 0, height > 0 else {
            throw .codec("jpeg: " + errorText(handle))
        }
        let wanted = target(Int(width), Int(height))
        let (scaledWidth, scaledHeight) = scaledSize(width: Int(width), height: Int(height), atLeast: wanted)

        // A CMYK or YCCK JPEG (from print work) decodes only to CMYK; the others to RGB.
        let cmyk = colorspace == TJCS_CMYK.rawValue || colorspace == TJCS_YCCK.rawValue
        let format = cmyk ? TJPF_CMYK : TJPF_RGB
        var pixels = [UInt8](repeating: 0, count: scaledWidth * scaledHeight * (cmyk ? 4 : 3))
        let status = pixels.withUnsafeMutableBufferPointer { buffer in
            tjDecompress2(handle, data, UInt(data.count), buffer.baseAddress, Int32(scaledWidth), 0,
                          Int32(scaledHeight), Int32(format.rawValue), TJFLAG_STOPONWARNING)
        }
        guard status == 0 else { throw .codec("jpeg: " + errorText(handle)) }
        if cmyk { pixels = rgb(fromInvertedCMYK: pixels) }
        return (Bitmap(width: scaledWidth, height: scaledHeight, channels: 3, pixels: pixels), Int(width), Int(height))
    }

    /// RGB from CMYK stored inverted, as Adobe's applications write it and as libjpeg hands it
    /// over (255 is no ink): each channel is its ink's complement times the black's. Go's
    /// decoder reads such files the same way. A colour-managed conversion would need the
    /// file's ICC profile, which neither uses.
    static func rgb(fromInvertedCMYK cmyk: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: cmyk.count / 4 * 3)
        for i in 0..<(cmyk.count / 4) {
            let k = UInt32(cmyk[i * 4 + 3])
            for c in 0..<3 {
                rgb[i * 3 + c] = UInt8((UInt32(cmyk[i * 4 + c]) * k + 127) / 255)
            }
        }
        return rgb
    }

    /// The size of a `width` × `height` JPEG decoded at the smallest scaling factor not under 1/8
    /// and not over 1 whose result is at least `wanted` on both sides (the full size if none is).
    static func scaledSize(width: Int, height: Int, atLeast wanted: (width: Int, height: Int)) -> (Int, Int) {
        var count: Int32 = 0
        var best = (width, height)
        guard let factors = tjGetScalingFactors(&count) else { return best }
        for factor in UnsafeBufferPointer(start: factors, count: Int(count)) where factor.num <= factor.denom {
            // TurboJPEG's TJSCALED: rounded up.
            let w = (width * Int(factor.num) + Int(factor.denom) - 1) / Int(factor.denom)
            let h = (height * Int(factor.num) + Int(factor.denom) - 1) / Int(factor.denom)
            if w >= wanted.width && h >= wanted.height && w * h < best.0 * best.1 {
                best = (w, h)
            }
        }
        return best
    }

    /// Encodes an RGB bitmap (an RGBA one is first composited over black) with 4:2:0 chroma
    /// subsampling, as Go's encoder does.
    static func encode(_ bitmap: Bitmap) throws(ThumbnailError.Reason) -> [UInt8] {
        let image = bitmap.opaque()
        guard let handle = tjInitCompress() else { throw .codec("jpeg: cannot start the encoder") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = tjCompress2(handle, image.pixels, Int32(image.width), 0, Int32(image.height),
                                 Int32(TJPF_RGB.rawValue), &output, &size, Int32(TJSAMP_420.rawValue), quality, 0)
        defer { tjFree(output) }
        guard status == 0, let output else { throw .codec("jpeg: " + errorText(handle)) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}
