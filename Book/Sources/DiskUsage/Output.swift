#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints the totals as every du of the book does: `"%d files  %.1f GB\n"`, two spaces, with
/// 1e9 bytes to the GB. Go: `printDiskUsage(nfiles, nbytes)`.
///
/// C's `%.1f` rounds the exact binary value as Go's does, so the two print the same digits.
public func printDiskUsage(_ nfiles: Int64, _ nbytes: Int64) {
    print(diskUsageLine(nfiles, nbytes), terminator: "")
}

/// The line `printDiskUsage` prints, newline included.
package func diskUsageLine(_ nfiles: Int64, _ nbytes: Int64) -> String {
    let arguments: [any CVarArg] = [nfiles, Double(nbytes) / 1e9]
    var buffer = [CChar](repeating: 0, count: 64)   // 19 digits, 19 more, the words: it fits
    let length = withVaList(arguments) { vsnprintf(&buffer, buffer.count, "%lld files  %.1f GB\n", $0) }
    return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Writes `prefix`, the error's text and a newline to standard error in one `write`, paths
/// byte for byte. Go: `fmt.Fprintf(os.Stderr, "du: %v\n", err)`.
public func printError(_ prefix: String, _ error: any Error) {
    let text = (error as? PathError)?.bytes ?? Array(String(describing: error).utf8)
    writeAll(STDERR_FILENO, Array(prefix.utf8) + text + [UInt8(ascii: "\n")])
}

/// For du4's tests: when the environment sets `DU4_TEST_ANNOUNCE_DRAIN`, prints the line
/// `du4: draining` on standard output; otherwise does nothing.
///
/// du4 calls it at the moment it commits to cancelling, before it drains `fileSizes`. A test
/// then knows for certain that no total can follow, and releases the walk it was holding.
/// Nothing outside the program can see that moment otherwise: until then the main goroutine
/// may still print a tick, or pick the closed `fileSizes` and print the final total.
public func announceDrainForTests() {
    if getenv("DU4_TEST_ANNOUNCE_DRAIN") != nil {
        print("du4: draining")
    }
}

private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }   // standard error is gone: nowhere left to report it
        offset += written
    }
}
