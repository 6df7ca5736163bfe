import DiskUsage

/// Why a thumbnail could not be made, worded as the original's errors are:
/// `open a.jpg: no such file or directory` when the image cannot be opened, and
/// `scaling a.jpg to a.thumb.jpg: image: unknown format` when it cannot be decoded, scaled,
/// encoded or written.
public struct ThumbnailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, without the file names.
    public enum Reason: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownFormat           // neither JPEG nor PNG: Go's `image.ErrFormat`
        case codec(String)           // the codec's own message, prefixed `jpeg: ` or `png: `
        case system(String, Int32)   // a system call on the thumbnail (Go's `*os.PathError`)

        public var description: String {
            switch self {
            case .unknownFormat: "image: unknown format"
            case .codec(let message): message
            case .system(let operation, let errno): "\(operation): \(goErrorText(errno))"
            }
        }
    }

    public enum Kind: Sendable, Equatable {
        case open(path: String, errno: Int32)                        // the image cannot be opened
        case scaling(infile: String, outfile: String, Reason)        // opened, but no thumbnail
    }

    public let kind: Kind

    public var description: String {
        switch kind {
        case .open(let path, let errno): "open \(path): \(goErrorText(errno))"
        case .scaling(let infile, let outfile, let reason): "scaling \(infile) to \(outfile): \(reason)"
        }
    }
}
