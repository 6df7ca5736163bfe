import Channels
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of bytes read in chunks, up to end of file. Go: `io.Reader`.
public protocol Reader: Sendable {
    associatedtype Chunks: AsyncSequence<[UInt8], NetError>
    var chunks: Chunks { get }
}

/// A sink of bytes. Go: `io.Writer`.
public protocol Writer: Sendable {
    func write(_ bytes: [UInt8]) async throws(NetError)
}

extension Conn: Reader, Writer {}

public enum IO {
    /// Copies `src` to `dst` until `src` ends; returns the number of bytes copied. The first
    /// failure of either ends the copy and is thrown. Go: `io.Copy(dst, src)`.
    @discardableResult
    public static func copy(_ dst: some Writer, _ src: some Reader) async throws(NetError) -> Int {
        var copied = 0
        var chunks = src.chunks.makeAsyncIterator()
        while let chunk = try await chunks.next(isolation: nil) {
            try await dst.write(chunk)
            copied += chunk.count
        }
        return copied
    }
}

/// Standard input and output for `IO.copy`. Go: `os.Stdin`, `os.Stdout`.
public enum OS {
    public static let stdin = File(descriptor: 0, name: "/dev/stdin")
    public static let stdout = File(descriptor: 1, name: "/dev/stdout")
}

/// An open file descriptor, read and written with blocking calls on `offload`'s threads, never
/// on a goroutine's: a read of a terminal or a pipe may wait for ever. Go: `*os.File`.
public struct File: Reader, Writer {
    public let descriptor: Int32
    public let name: String   // for error messages, as Go's "read /dev/stdin: …"

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Writes all of `bytes`. Go: `file.Write(bytes)`.
    public func write(_ bytes: [UInt8]) async throws(NetError) {
        let fd = descriptor
        let failure: Int32? = await offload {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { writeDescriptor(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw NetError(op: "write", net: "", address: name, reason: errnoText(failure)) }
    }

    public var chunks: FileChunks { FileChunks(file: self) }

    /// The file's contents in chunks of at most 32 KiB, Go's `io.Copy` buffer size.
    public struct FileChunks: AsyncSequence, Sendable {
        public typealias Element = [UInt8]
        let file: File

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(file: file) }

        public struct AsyncIterator: AsyncIteratorProtocol {
            let file: File

            public mutating func next() async throws(NetError) -> [UInt8]? {
                let fd = file.descriptor
                let (bytes, failure): ([UInt8], Int32?) = await offload {
                    var buffer = [UInt8](repeating: 0, count: 32 * 1024)
                    while true {
                        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                        if count >= 0 { return (Array(buffer[..<count]), nil) }
                        if errno != EINTR { return ([], errno) }
                    }
                }
                if let failure {
                    throw NetError(op: "read", net: "", address: file.name, reason: errnoText(failure))
                }
                return bytes.isEmpty ? nil : bytes
            }
        }
    }
}

/// `write(2)`, under a name that `File.write(_:)` does not hide.
private func writeDescriptor(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
