import Channels

/// Makes a thumbnail of the image file `infile` in the same directory and returns its name,
/// `.thumb` inserted before the extension: `photos/a.jpg` gives `photos/a.thumb.jpg`.
/// Go: `thumbnail.ImageFile(infile)`.
///
/// The image may be a JPEG or a PNG, whatever its name says. The thumbnail fits in 128 × 128
/// pixels, keeps the aspect ratio and is scaled with an area-averaging filter. It is a PNG when
/// its name ends in `.png` (in any case) and a JPEG otherwise: the original always writes a
/// JPEG, even under a `.png` name, and reads only JPEGs.
///
/// On failure no thumbnail is left behind, and an existing one is left as it was (the original
/// leaves an empty file).
///
/// This blocks its thread on file I/O; from a goroutine, call the `async` overload.
public func imageFile(_ infile: String) throws(ThumbnailError) -> String {
    let outfile = thumbnailName(infile)
    let data = try read(infile)
    let encoded = try scaled(data, from: infile, to: outfile)
    try write(encoded, from: infile, to: outfile)
    return outfile
}

/// Does what `imageFile(_:)` does, reading and writing on threads outside the goroutines'
/// (`offload`), while the decoding, scaling and encoding, which only compute, run on the
/// calling goroutine. Go: `thumbnail.ImageFile(infile)` in a goroutine.
public func imageFile(_ infile: String) async throws(ThumbnailError) -> String {
    let outfile = thumbnailName(infile)
    let data = try await offload { () throws(ThumbnailError) in try read(infile) }
    let encoded = try scaled(data, from: infile, to: outfile)
    try await offload { () throws(ThumbnailError) in try write(encoded, from: infile, to: outfile) }
    return outfile
}

/// The name of the thumbnail of `infile`: `.thumb` before its extension, which is Go's
/// `filepath.Ext`, the part of the last path element from its last dot (`a.b/c` has none and
/// gives `a.b/c.thumb`; `.profile` is all extension and gives `.thumb.profile`).
public func thumbnailName(_ infile: String) -> String {
    let name = infile.utf8.lastIndex(of: UInt8(ascii: "/")).map { infile.utf8.index(after: $0) } ?? infile.startIndex
    guard let dot = infile[name...].utf8.lastIndex(of: UInt8(ascii: ".")) else { return infile + ".thumb" }
    return String(infile[..<dot]) + ".thumb" + String(infile[dot...])
}

private func read(_ infile: String) throws(ThumbnailError) -> [UInt8] {
    switch readFile(infile) {
    case .success(let data): return data
    case .failure(let failure): throw ThumbnailError(kind: .open(path: infile, errno: failure.errno))
    }
}

private func write(_ encoded: [UInt8], from infile: String, to outfile: String) throws(ThumbnailError) {
    do {
        try writeFileAtomically(encoded, to: outfile)
    } catch .system(let operation, let errno) where operation == "open \(outfile)" {
        // The thumbnail cannot be created: the original fails in os.Create, before scaling.
        throw ThumbnailError(kind: .open(path: outfile, errno: errno))
    } catch {
        throw ThumbnailError(kind: .scaling(infile: infile, outfile: outfile, error))
    }
}

private func scaled(_ data: [UInt8], from infile: String, to outfile: String) throws(ThumbnailError) -> [UInt8] {
    do {
        return try thumbnail(of: data, asPNG: extensionIsPNG(outfile))
    } catch {
        throw ThumbnailError(kind: .scaling(infile: infile, outfile: outfile, error))
    }
}

/// The encoded thumbnail of the encoded image `data`.
func thumbnail(of data: [UInt8], asPNG: Bool) throws(ThumbnailError.Reason) -> [UInt8] {
    let decoded: Bitmap, size: (width: Int, height: Int)
    switch ImageFormat(sniffing: data) {
    case .jpeg:
        // Decoded straight to (nearly) the thumbnail's size, which follows from the full size.
        let jpeg = try JPEG.decode(data, target: thumbnailSize)
        decoded = jpeg.bitmap
        size = thumbnailSize(width: jpeg.fullWidth, height: jpeg.fullHeight)
    case .png:
        decoded = try PNG.decode(data)
        size = thumbnailSize(width: decoded.width, height: decoded.height)
    case nil:
        throw .unknownFormat
    }
    let image = decoded.resized(width: size.width, height: size.height)
    return asPNG ? try PNG.encode(image.withAlpha()) : try JPEG.encode(image)
}

/// The formats the thumbnails are read in, told by their first bytes as Go's `image.Decode`
/// tells them.
enum ImageFormat {
    case jpeg, png

    init?(sniffing data: [UInt8]) {
        if data.starts(with: [0xFF, 0xD8]) {
            self = .jpeg
        } else if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else {
            return nil
        }
    }
}

/// Whether the thumbnail named `outfile` is to be a PNG: its extension is `.png` in any case.
func extensionIsPNG(_ outfile: String) -> Bool {
    outfile.lowercased().hasSuffix(".png")
}
