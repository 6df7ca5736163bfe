#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The file tree the du tests walk, made once per test run in a temporary directory, with what
/// every du must report for it.
///
/// ```
/// tree/a/f1                 5 bytes
/// tree/a/b/f2               1000 bytes
/// tree/a/b/c/sparse         5 GB apparent size (ftruncate), no blocks
/// tree/loop1 -> loop2       a symbolic link loop: two links of 5 bytes each
/// tree/loop2 -> loop1
/// tree/dangling -> /nonexistent/du-test-target      27 bytes
/// tree/linkdir -> a         a link to a directory: a 1-byte file, not followed
/// tree/fifo                 a FIFO: a 0-byte file, never opened
/// tree/caf\xE9/menu         11 bytes, in a directory whose name is not UTF-8
/// tree/noread-\xE9/x        7 bytes, in a directory with mode 000
/// tree/rnox/y, rnox/sub/z   2 and 4 bytes, in a directory with mode 444: listed, not searched
/// tree/empty/
/// ```
///
/// Root reads `noread-\xE9` and searches `rnox` anyway, so what du reports depends on who runs
/// it: `DuTree.expected(readable:)` gives both, and `canReadEverything` says which applies to
/// this test process (and so to the programs it starts). When the tests run as root and
/// `setpriv` is at hand, some runs are made as the user nobody to see the errors.
final class DuTree: Sendable {
    static let shared: DuTree = {
        do { return try DuTree() } catch { fatalError("cannot make the du test tree: \(error)") }
    }()

    /// The temporary directory (mode 755, so that nobody may walk it), holding `tree`.
    let base: String
    /// The tree's root.
    let root: String
    /// `noread-\xE9`'s name, byte for byte.
    static let unreadableName: [UInt8] = Array("noread-".utf8) + [0xE9]

    /// Whether this process reads every directory in the tree (it runs as root).
    let canReadEverything: Bool
    /// The first entry of `rnox` as the file system lists it, which Go's Readdir lstats first.
    let firstInUnsearchable: String

    private init() throws {
        var template = Array("/tmp/du-tests-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TreeError(what: "mkdtemp") }
        base = String(cString: made)
        guard chmod(base, 0o755) == 0 else { throw TreeError(what: "chmod \(base)") }
        root = base + "/tree"

        try Self.directory(root)
        try Self.directory(root + "/a")
        try Self.directory(root + "/a/b")
        try Self.directory(root + "/a/b/c")
        try Self.file(root + "/a/f1", size: 5)
        try Self.file(root + "/a/b/f2", size: 1000)
        try Self.file(root + "/a/b/c/sparse", size: 0, truncateTo: 5_000_000_000)
        try Self.link(root + "/loop1", to: "loop2")
        try Self.link(root + "/loop2", to: "loop1")
        try Self.link(root + "/dangling", to: "/nonexistent/du-test-target")
        try Self.link(root + "/linkdir", to: "a")
        guard mkfifo(root + "/fifo", 0o644) == 0 else { throw TreeError(what: "mkfifo") }
        try Self.directory(bytes: Array((root + "/caf").utf8) + [0xE9])
        try Self.file(bytes: Array((root + "/caf").utf8) + [0xE9] + Array("/menu".utf8), size: 11)
        let unreadable = Array((root + "/").utf8) + Self.unreadableName
        try Self.directory(bytes: unreadable)
        try Self.file(bytes: unreadable + Array("/x".utf8), size: 7)
        try Self.directory(root + "/rnox")
        try Self.directory(root + "/rnox/sub")
        try Self.file(root + "/rnox/y", size: 2)
        try Self.file(root + "/rnox/sub/z", size: 4)
        try Self.directory(root + "/empty")
        guard Self.withCString(unreadable, { chmod($0, 0) }) == 0, chmod(root + "/rnox", 0o444) == 0 else {
            throw TreeError(what: "chmod")
        }

        canReadEverything = Self.withCString(unreadable) { opendir($0) }.map { closedir($0); return true } ?? false
        // Listing needs only read permission, which everyone has on rnox.
        firstInUnsearchable = Self.listingOrder(of: root + "/rnox").first ?? ""
        atexit { DuTree.removeAtExit() }
    }

    /// What a du reports for `arguments` (paths in the tree, as given on the command line,
    /// where `root` stands for this tree), when every directory can be read or when
    /// `noread-\xE9` and `rnox` cannot: the totals line, and the error messages in walking
    /// order, without the program's prefix.
    func expected(readable: Bool, root given: String) -> (totals: String, errors: [[UInt8]]) {
        if readable {
            return ("12 files  5.0 GB\n", [])
        }
        let prefix = given == "." ? [] : Array((given + "/").utf8)
        return (
            "9 files  5.0 GB\n",
            [
                Array("open ".utf8) + prefix + Self.unreadableName + Array(": permission denied".utf8),
                Array("lstat ".utf8) + prefix + Array("rnox/\(firstInUnsearchable): permission denied".utf8),
            ]
        )
    }

    /// A new FIFO for one run to hold a walk on: opening it for reading blocks until someone
    /// opens it for writing, which `FifoRelease` does.
    func makeFifo() throws -> String {
        let path = base + "/hold-\(UUID().uuidString)"
        guard mkfifo(path, 0o644) == 0 else { throw TreeError(what: "mkfifo \(path)") }
        return path
    }

    // MARK: making and removing

    private static func directory(_ path: String) throws {
        try directory(bytes: Array(path.utf8))
    }

    private static func directory(bytes path: [UInt8]) throws {
        guard withCString(path, { mkdir($0, 0o755) }) == 0 else { throw TreeError(what: "mkdir \(path)") }
    }

    private static func file(_ path: String, size: Int, truncateTo length: Int64? = nil) throws {
        try file(bytes: Array(path.utf8), size: size, truncateTo: length)
    }

    private static func file(bytes path: [UInt8], size: Int, truncateTo length: Int64? = nil) throws {
        let descriptor = withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw TreeError(what: "create \(path)") }
        defer { close(descriptor) }
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        guard write(descriptor, bytes, size) == size else { throw TreeError(what: "write \(path)") }
        if let length, ftruncate(descriptor, off_t(length)) != 0 { throw TreeError(what: "ftruncate \(path)") }
    }

    private static func link(_ path: String, to target: String) throws {
        guard symlink(target, path) == 0 else { throw TreeError(what: "symlink \(path)") }
    }

    static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    private static func listingOrder(of directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the tree when the test process ends (it is shared by every test), first giving
    /// back the permissions taken away.
    private static func removeAtExit() {
        let tree = shared
        _ = withCString(Array((tree.root + "/").utf8) + unreadableName) { chmod($0, 0o755) }
        _ = chmod(tree.root + "/rnox", 0o755)
        try? FileManager.default.removeItem(atPath: tree.base)
    }
}

struct TreeError: Error, CustomStringConvertible {
    let what: String
    var description: String { "\(what): \(String(cString: strerror(errno)))" }
}

/// Lets every walk blocked in opening a FIFO go on, and every later one open it at once: it
/// holds the FIFO open for reading and writing (which never blocks on Linux) until `end()`.
/// The walk then reads the FIFO as a directory and reports `readdirent …: not a directory`, as
/// Go does.
final class FifoRelease: Sendable {
    private let descriptor: Int32

    init(_ path: String) throws {
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw TreeError(what: "open \(path)") }
    }

    func end() {
        close(descriptor)
    }
}

/// A plain tree of many small files, `directories` directories of `filesEach` files under one
/// root, for runs whose outcome depends on the walk taking some time.
struct ManyFilesTree {
    let base: String
    let root: String

    init(directories: Int, filesEach: Int) throws {
        base = FileManager.default.temporaryDirectory.path + "/du-many-\(UInt64.random(in: 0...UInt64.max))"
        root = base + "/tree"
        for directory in 0..<directories {
            let path = "\(root)/d\(directory)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for file in 0..<filesEach {
                guard FileManager.default.createFile(atPath: "\(path)/f\(file)", contents: Data("x".utf8)) else {
                    throw TreeError(what: "create \(path)/f\(file)")
                }
            }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: base)
    }
}
