/// Scaling with a filter that looks at every source pixel, where the original picks one source
/// pixel per thumbnail pixel (nearest neighbour), which turns fine detail into noise.
///
/// Shrinking averages areas: each thumbnail pixel is the mean of the source rectangle it
/// covers, partly covered pixels counting by the part covered (a box filter exactly the size of
/// the destination pixel, which is the right prefilter for a thumbnail). Growing, which the
/// original's rule does to images under 128 pixels, interpolates linearly. The two axes are
/// scaled one after the other, and alpha is premultiplied meanwhile so that the colour of
/// transparent pixels does not bleed into their neighbours.
extension Bitmap {
    func resized(width: Int, height: Int) -> Bitmap {
        precondition(width > 0 && height > 0, "a thumbnail has at least one pixel")
        let columns = contributions(from: self.width, to: width)
        let rows = contributions(from: self.height, to: height)
        let channels = self.channels
        let hasAlpha = channels == 4

        // Pass 1: each source row, scaled horizontally.
        var across = [SIMD4<Float>](repeating: .zero, count: width * self.height)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<self.height {
                let sourceRow = y * self.width * channels
                for x in 0..<width {
                    var sum = SIMD4<Float>.zero
                    for (index, weight) in columns[x] {
                        let at = sourceRow + index * channels
                        var pixel = SIMD4<Float>(Float(source[at]), Float(source[at + 1]), Float(source[at + 2]),
                                                 hasAlpha ? Float(source[at + 3]) : 255)
                        if hasAlpha {
                            let alpha = pixel.w / 255
                            pixel.x *= alpha; pixel.y *= alpha; pixel.z *= alpha
                        }
                        sum += pixel * weight
                    }
                    across[y * width + x] = sum
                }
            }
        }

        // Pass 2: those rows, scaled vertically, back to 8 bits.
        var result = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                var sum = SIMD4<Float>.zero
                for (index, weight) in rows[y] {
                    sum += across[index * width + x] * weight
                }
                if hasAlpha && sum.w > 0 {
                    let alpha = sum.w / 255
                    sum.x /= alpha; sum.y /= alpha; sum.z /= alpha
                }
                let at = (y * width + x) * channels
                for c in 0..<channels {
                    result[at + c] = UInt8(min(255, max(0, sum[c].rounded())))
                }
            }
        }
        return Bitmap(width: width, height: height, channels: channels, pixels: result)
    }
}

/// For each of `target` pixels along an axis of `source` pixels, the source pixels it is made
/// of and their weights, which add up to 1.
func contributions(from source: Int, to target: Int) -> [[(index: Int, weight: Float)]] {
    let scale = Double(source) / Double(target)   // source pixels per target pixel
    return (0..<target).map { i in
        if scale >= 1 {
            // Shrinking: the source span [lo, hi) that target pixel i covers, by overlap.
            let lo = Double(i) * scale, hi = Double(i + 1) * scale
            var parts: [(index: Int, weight: Float)] = []
            for j in Int(lo.rounded(.down))..<min(source, Int(hi.rounded(.up))) {
                let overlap = min(hi, Double(j + 1)) - max(lo, Double(j))
                if overlap > 0 { parts.append((j, Float(overlap / scale))) }
            }
            return parts
        } else {
            // Growing: between the two source pixels whose centres surround this one's.
            let centre = (Double(i) + 0.5) * scale - 0.5
            let left = Int(centre.rounded(.down))
            let fraction = Float(centre - Double(left))
            let a = min(max(left, 0), source - 1), b = min(max(left + 1, 0), source - 1)
            if a == b { return [(a, 1)] }
            return [(a, 1 - fraction), (b, fraction)]
        }
    }
}
