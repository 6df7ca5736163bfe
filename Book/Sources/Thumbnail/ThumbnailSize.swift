/// The largest width and height, in pixels, of a thumbnail.
public let thumbnailBound = 128

/// The size of the thumbnail of a `width` × `height` image: the original's rule, which fits it
/// in 128 × 128 keeping the aspect ratio (the longer side becomes 128; a smaller image grows),
/// except that no side is ever 0: the original makes a 1000 × 3 image 128 × 0 and then fails.
public func thumbnailSize(width: Int, height: Int) -> (width: Int, height: Int) {
    precondition(width > 0 && height > 0, "an image has at least one pixel")
    var size = (width: thumbnailBound, height: thumbnailBound)
    let aspect = Double(width) / Double(height)
    if aspect < 1 {
        size.width = Int(Double(thumbnailBound) * aspect)    // portrait: truncated, as Go's int()
    } else {
        size.height = Int(Double(thumbnailBound) / aspect)   // landscape
    }
    return (max(1, size.width), max(1, size.height))
}
