// Directory reading as Go's os.File.Readdir and ioutil.ReadDir do it, on trees made here.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DiskUsage
import Testing

@Suite("du: reading directories")
struct DuDirectoryTests {
    @Test("every entry but . and .., with its lstat size; links not followed")
    func entriesAndSizes() throws {
        // Given a directory with a file, a sparse file, a subdirectory, links and a FIFO
        let scratch = try Scratch()
        try scratch.file("file", size: 123)
        try scratch.sparseFile("sparse", size: 5_000_000_000)
        try scratch.directory("sub")
        try scratch.link("link-to-sub", to: "sub")
        try scratch.link("dangling", to: "/nonexistent/target")
        try scratch.fifo("fifo")

        // When it is read
        let directory = try Directory(opening: scratch.path)
        let (entries, error) = directory.readAll()

        // Then each entry has its lstat size: a sparse file its apparent size, a link the
        // length of its target, and only the real directory is one
        #expect(error == nil)
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name.description, $0) })
        #expect(byName.keys.sorted() == ["dangling", "fifo", "file", "link-to-sub", "sparse", "sub"])
        #expect(byName["file"]?.size == 123)
        #expect(byName["sparse"]?.size == 5_000_000_000)
        #expect(byName["link-to-sub"]?.size == 3)
        #expect(byName["dangling"]?.size == Int64("/nonexistent/target".utf8.count))
        #expect(byName["fifo"]?.size == 0)
        #expect(entries.filter(\.isDirectory).map(\.name) == ["sub"])
    }

    @Test("readDir sorts by name, byte by byte")
    func readDirSorts() throws {
        let scratch = try Scratch()
        for name in ["b", "a", "B", "ä", "a.b", "a-b"] { try scratch.file(Path(name), size: 1) }
        let names = try readDir(scratch.path).map(\.name.description)
        #expect(names == ["B", "a", "a-b", "a.b", "b", "ä"])
    }

    @Test("a name that is not UTF-8 is read and joined byte for byte")
    func nameThatIsNotUTF8() throws {
        let scratch = try Scratch()
        let latin1 = Path(bytes: Array("caf".utf8) + [0xE9])
        try scratch.directory(latin1)
        try scratch.file(Path.join(latin1, "menu"), size: 11)
        let entries = try readDir(scratch.path)
        #expect(entries.map(\.name) == [latin1])
        let inner = try readDir(Path.join(scratch.path, entries[0].name))
        #expect(inner.map(\.size) == [11])
    }

    @Test("errors read as Go's: open, readdirent")
    func errors() throws {
        let scratch = try Scratch()
        try scratch.file("file", size: 1)
        let missing = Path.join(scratch.path, "missing")
        #expect(throws: PathError(operation: "open", path: missing, errno: ENOENT)) { try readDir(missing) }
        let file = Path.join(scratch.path, "file")
        #expect(throws: PathError(operation: "readdirent", path: file, errno: ENOTDIR)) { try readDir(file) }
        #expect(PathError(operation: "readdirent", path: file, errno: ENOTDIR).description
                == "readdirent \(file): not a directory")
    }

    @Test("an entry that cannot be lstat'ed: the entries before it and Go's lstat error",
          .enabled(if: geteuid() != 0, "root may lstat in a directory it cannot search"))
    func lstatFailure() throws {
        // Given a directory that may be listed but not searched
        let scratch = try Scratch()
        try scratch.directory("d")
        try scratch.directory("d/sub")
        try scratch.file("d/file", size: 1)
        let d = Path.join(scratch.path, "d")
        _ = d.withCString { chmod($0, 0o444) }
        defer { _ = d.withCString { chmod($0, 0o755) } }
        let first = try #require(Scratch.listingOrder(of: d).first)

        // When it is read, Then the first entry in listing order fails, directory or not, as
        // Go lstats every entry in turn
        let (entries, error) = try Directory(opening: d).readAll()
        #expect(entries.isEmpty)
        #expect(error == PathError(operation: "lstat", path: Path(bytes: d.bytes + Array("/\(first)".utf8)), errno: EACCES))
        #expect(throws: PathError.self) { try readDir(d) }
    }
}

/// A temporary directory that is removed, with everything in it, when the value goes away.
final class Scratch {
    let path: Path

    init() throws {
        var template = Array("/tmp/du-unit-XXXXXX".utf8) + [0]
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkdtemp($0.baseAddress!) }
        }
        guard made != nil else { throw ScratchError(what: "mkdtemp") }
        path = Path(bytes: Array(template.dropLast()))
    }

    deinit {
        removeTree(path)
    }

    func file(_ name: Path, size: Int) throws {
        let descriptor = Path.join(path, name).withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw ScratchError(what: "create \(name)") }
        defer { close(descriptor) }
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        guard write(descriptor, bytes, size) == size else { throw ScratchError(what: "write \(name)") }
    }

    func sparseFile(_ name: Path, size: Int64) throws {
        let descriptor = Path.join(path, name).withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw ScratchError(what: "create \(name)") }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw ScratchError(what: "ftruncate \(name)") }
    }

    func directory(_ name: Path) throws {
        guard Path.join(path, name).withCString({ mkdir($0, 0o755) }) == 0 else { throw ScratchError(what: "mkdir \(name)") }
    }

    func link(_ name: Path, to target: String) throws {
        guard Path.join(path, name).withCString({ symlink(target, $0) }) == 0 else {
            throw ScratchError(what: "symlink \(name)")
        }
    }

    func fifo(_ name: Path) throws {
        guard Path.join(path, name).withCString({ mkfifo($0, 0o644) }) == 0 else { throw ScratchError(what: "mkfifo \(name)") }
    }

    /// The names in `directory` in the order the file system lists them, without . and ..
    static func listingOrder(of directory: Path) -> [String] {
        guard let stream = directory.withCString({ opendir($0) }) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

struct ScratchError: Error, CustomStringConvertible {
    let what: String
    var description: String { "\(what): \(String(cString: strerror(errno)))" }
}

/// Removes `path` and everything under it, giving back the permissions a test took away.
func removeTree(_ path: Path) {
    _ = path.withCString { chmod($0, 0o755) }
    if let stream = path.withCString({ opendir($0) }) {
        var names: [Path] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { field in
                UnsafeRawPointer(field).withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    Path(bytes: Array(UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)))))
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(stream)
        for name in names {
            let child = Path.join(path, name)
            var status = stat()
            if child.withCString({ lstat($0, &status) }) == 0 && status.st_mode & S_IFMT == S_IFDIR {
                removeTree(child)
            } else {
                _ = child.withCString { unlink($0) }
            }
        }
        _ = path.withCString { rmdir($0) }
    } else {
        _ = path.withCString { unlink($0) }
    }
}
