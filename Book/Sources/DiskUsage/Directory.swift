#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of directory `path`, sorted by name; if any step fails, none of them and the
/// error. Go: `ioutil.ReadDir(path)`, which du1, du2 and du3 call.
///
/// It blocks on the file system: call it through `offload`.
public func readDir(_ path: Path) throws(PathError) -> DirectoryEntries {
    let directory = try Directory(opening: path)
    var (entries, error) = directory.readAll()
    if let error { throw error }
    entries.sortByName()
    return entries
}

/// A directory opened for reading. Go: the `*os.File` that `os.Open` returns for a directory.
///
/// The descriptor is closed when the value goes away. Opening and reading block on the file
/// system: call them through `offload`.
public struct Directory: ~Copyable {
    /// The path as it was given to `init(opening:)`.
    public let path: Path
    private let descriptor: Int32   // open for reading; the `lstat`s are made relative to it

    /// Opens `path` for reading, as Go's `os.Open` does: a symbolic link given as the path is
    /// followed, and opening does not check that it is a directory (reading then reports
    /// `readdirent path: not a directory`, and a FIFO blocks until a writer opens it).
    public init(opening path: Path) throws(PathError) {
        var descriptor: Int32
        repeat {
            descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw PathError(operation: "open", path: path, errno: errno) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Every entry but `.` and `..`, in the order the file system lists them, each with its
    /// `lstat` size; on an error, the entries read before it and the error. Go:
    /// `f.Readdir(0)`, which du4 calls, and which `ioutil.ReadDir` calls.
    ///
    /// An entry removed between the listing and its `lstat` is left out, as Go leaves it out.
    /// A directory is known by the listing's type field and not `lstat`ed, since its size is
    /// not needed; yet an `lstat` failure is reported as Go reports it, at the first entry that
    /// fails, directories included.
    public func readAll() -> (entries: DirectoryEntries, error: PathError?) {
        var entries = DirectoryEntries()
        var unstatted: [Int] = []        // entries taken as directories on the listing's word alone
        var lstatFailure: PathError?
        let readFailure = forEachEntry(of: descriptor) { name, type in
            if type == UInt8(DT_DIR) {
                unstatted.append(entries.count)
                entries.append(name: name, isDirectory: true, size: 0)
                return true
            }
            var status = stat()
            guard fstatat(descriptor, name.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                let failure = errno
                if failure == ENOENT { return true }   // removed since it was listed: leave it out
                lstatFailure = lstatError(name: Array(UnsafeRawBufferPointer(name)), errno: failure)
                return false
            }
            entries.append(name: name, isDirectory: status.st_mode & S_IFMT == S_IFDIR, size: Int64(status.st_size))
            return true
        }
        if let lstatFailure {
            return firstFailureAmong(unstatted, of: entries) ?? (entries, lstatFailure)
        }
        if readFailure != 0 {
            return (entries, PathError(operation: "readdirent", path: path, errno: readFailure))
        }
        return (entries, nil)
    }

    /// Go would have met an lstat failure on a directory listed before the entry that failed:
    /// the first such directory that fails now, with the entries before it.
    private func firstFailureAmong(_ unstatted: [Int], of entries: DirectoryEntries) -> (DirectoryEntries, PathError?)? {
        for index in unstatted {
            let name = entries[index].name
            var status = stat()
            let failure = name.withCString { fstatat(descriptor, $0, &status, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno }
            if failure != 0 && failure != ENOENT {
                return (entries.firstEntries(index), lstatError(name: name.bytes, errno: failure))
            }
        }
        return nil
    }

    /// Go names the entry `dir + "/" + name`, not a cleaned path.
    private func lstatError(name: [UInt8], errno: Int32) -> PathError {
        PathError(operation: "lstat", path: Path(bytes: path.bytes + [UInt8(ascii: "/")] + name), errno: errno)
    }
}

/// Lists the directory open on `descriptor` from where its reading stands, calling `body` with
/// each entry's name (NUL-terminated, the NUL not counted) and the listing's type field
/// (`DT_DIR`, `DT_REG`, …, or `DT_UNKNOWN`), except for `.` and `..`, until `body` returns
/// false. Returns 0, or the error number that stopped the listing.
///
/// On Linux it calls `getdents64` itself: `fdopendir` costs an `fstat` and two `fcntl`s per
/// directory (measured here on /usr: 50,000 calls in a walk that needs 200,000), which Go's
/// `os.File.Readdir` does not make either. Elsewhere, and where the C library lacks
/// `getdents64`, it goes through `fdopendir` and `readdir`.
private func forEachEntry(
    of descriptor: Int32,
    _ body: (_ name: UnsafeBufferPointer<CChar>, _ type: UInt8) -> Bool
) -> Int32 {
    #if os(Linux)
    if let getdents64 = getdents64Function {
        return withUnsafeTemporaryAllocation(byteCount: directoryBufferSize, alignment: 8) { buffer in
            while true {
                let count = getdents64(descriptor, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if count == 0 { return 0 }
                // Each record: inode (8 bytes), offset (8), record length (2), type (1), name.
                var offset = 0
                while offset < count {
                    let record = buffer.baseAddress! + offset
                    let inode = record.loadUnaligned(as: UInt64.self)
                    let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                    let type = record.load(fromByteOffset: 18, as: UInt8.self)
                    offset += length
                    if inode == 0 { continue }   // a deleted entry, as Go and readdir skip it
                    let name = (record + 19).assumingMemoryBound(to: CChar.self)
                    let entry = UnsafeBufferPointer(start: name, count: strlen(name))
                    if isDotOrDotDot(entry) { continue }
                    if !body(entry, type) { return 0 }
                }
            }
        }
    }
    #endif
    // The stream takes a descriptor of its own and closes it, so that the caller's stays open.
    let copy = dup(descriptor)
    guard copy >= 0 else { return errno }
    guard let stream = fdopendir(copy) else {
        let failure = errno
        close(copy)
        return failure
    }
    defer { closedir(stream) }
    while true {
        errno = 0
        guard let entry = readdir(stream) else { return errno }
        let type = entry.pointee.d_type
        let proceed = withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
            field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { name in
                let entry = UnsafeBufferPointer(start: name, count: strlen(name))
                return isDotOrDotDot(entry) || body(entry, type)
            }
        }
        if !proceed { return 0 }
    }
}

#if os(Linux)
/// glibc's `getdents64` (2.30 and later), which Swift's Glibc module does not declare.
private let getdents64Function: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int)? = {
    guard let symbol = dlsym(nil, "getdents64") else { return nil }   // nil: RTLD_DEFAULT
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int).self)
}()

/// As glibc's `readdir` reads: a big directory takes few calls.
private let directoryBufferSize = 32 * 1024
#endif

private func isDotOrDotDot(_ name: UnsafeBufferPointer<CChar>) -> Bool {
    let dot = CChar(UInt8(ascii: "."))
    return (name.count == 1 && name[0] == dot) || (name.count == 2 && name[0] == dot && name[1] == dot)
}

/// What `lstat` says about one directory entry. Go: `os.FileInfo`.
public struct FileInfo: Sendable {
    private let names: [UInt8]        // the listing's shared name storage
    private let nameRange: Range<Int>  // this entry's name in `names`

    /// Whether the entry is a directory (not a symbolic link to one). Go: `IsDir()`.
    public let isDirectory: Bool

    /// The size `lstat` reports (`st_size`): a file's length, a sparse file's apparent length,
    /// a symbolic link's target's length. 0 for a directory, which the walk does not `lstat`.
    /// Go: `Size()`.
    public let size: Int64

    /// The entry's name within its directory. Go: `Name()`.
    public var name: Path { Path(bytes: Array(names[nameRange])) }

    fileprivate init(names: [UInt8], nameRange: Range<Int>, isDirectory: Bool, size: Int64) {
        self.names = names
        self.nameRange = nameRange
        self.isDirectory = isDirectory
        self.size = size
    }
}

/// The entries of one directory listing. Go: `[]os.FileInfo`.
///
/// The names share one buffer, and an entry's name is made only when asked for: a walk needs
/// the names of subdirectories alone, and /usr has eight files for every directory.
public struct DirectoryEntries: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private struct Record: Sendable {
        var nameStart: Int32    // where the name starts in `names`
        var nameEnd: Int32      // where it ends
        var isDirectory: Bool
        var size: Int64
    }

    private var names: [UInt8] = []     // every name, back to back
    private var records: [Record] = []  // one per entry, in listing order

    public init() {}

    public init(arrayLiteral elements: FileInfo...) {
        for element in elements {
            element.name.bytes.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { append(name: $0, isDirectory: element.isDirectory, size: element.size) }
            }
        }
    }

    public var startIndex: Int { records.startIndex }
    public var endIndex: Int { records.endIndex }

    public subscript(position: Int) -> FileInfo {
        let record = records[position]
        return FileInfo(
            names: names,
            nameRange: Int(record.nameStart)..<Int(record.nameEnd),
            isDirectory: record.isDirectory,
            size: record.size
        )
    }

    fileprivate mutating func append(name: UnsafeBufferPointer<CChar>, isDirectory: Bool, size: Int64) {
        let start = names.count
        names.append(contentsOf: UnsafeRawBufferPointer(name))
        records.append(Record(nameStart: Int32(start), nameEnd: Int32(names.count), isDirectory: isDirectory, size: size))
    }

    /// The first `count` entries.
    fileprivate func firstEntries(_ count: Int) -> DirectoryEntries {
        var result = self
        result.records.removeSubrange(count...)
        return result
    }

    /// Sorts the entries by name, byte by byte, as `ioutil.ReadDir` does.
    fileprivate mutating func sortByName() {
        records.sort { [names] a, b in
            names[Int(a.nameStart)..<Int(a.nameEnd)].lexicographicallyPrecedes(names[Int(b.nameStart)..<Int(b.nameEnd)])
        }
    }
}
