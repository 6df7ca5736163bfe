#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The whole of file `path`; nil with the error number if it cannot be opened.
///
/// A read that fails ends the contents there, as in Go, where `image.Decode` reports the
/// failed read of a directory as an unknown format.
func readFile(_ path: String) -> Result<[UInt8], OpenFailure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(OpenFailure(errno: errno)) }
    defer { close(fd) }
    var info = stat()
    let expected = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
    var contents = [UInt8](repeating: 0, count: max(expected, 1 << 16))
    var count = 0
    while true {
        if count == contents.count { contents += [UInt8](repeating: 0, count: contents.count) }
        let got = contents.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { break }
        count += got
    }
    contents.removeSubrange(count...)
    return .success(contents)
}

struct OpenFailure: Error {
    let errno: Int32
}

/// Writes `bytes` to `path` so that `path` appears only complete: they go to a new file beside
/// it, which is then renamed to `path`. A failure leaves neither file behind. (The original
/// creates the thumbnail before decoding, and a failure leaves it empty.)
///
/// The new file gets Go's `os.Create` permissions, 0666 less the umask.
func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(ThumbnailError.Reason) {
    var temporary = ""
    var fd: Int32 = -1
    while fd < 0 {
        temporary = "\(path).tmp\(getpid())-\(temporaryCounter.add(1, ordering: .relaxed).newValue)"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 && errno != EEXIST { throw .system("open \(path)", errno) }
    }
    var done = false
    defer {
        if !done { unlink(temporary) }
    }
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
            let error = errno
            close(fd)
            throw .system("write \(path)", error)
        }
        offset += written
    }
    guard close(fd) == 0 else { throw .system("close \(path)", errno) }
    guard rename(temporary, path) == 0 else { throw .system("rename \(path)", errno) }
    done = true
}

/// Makes the names of the files `writeFileAtomically` writes unique within the process.
private let temporaryCounter = Atomic<Int>(0)

/// The size in bytes of file `path`, nil if it cannot be found. Go: `os.Stat(path).Size()`.
func fileSize(_ path: String) -> Int64? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int64(info.st_size)
}
