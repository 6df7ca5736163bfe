// du1: the disk usage of the files under each root directory (the current one by default):
// one goroutine walks the tree and sends each file's size, the main one adds them up.
// gopl.io/ch8/du1, book page 247.
import Channels
import DiskUsage
import ExampleSupport

/// Walks the tree rooted at `dir` and sends the size of every file found on `fileSizes`.
func walkDir(_ dir: Path, _ fileSizes: SendChan<Int64>) async throws {
    for entry in await dirents(dir) {
        if entry.isDirectory {
            let subdir = Path.join(dir, entry.name)
            try await walkDir(subdir, fileSizes)
        } else {
            try await fileSizes.send(entry.size)
        }
    }
}

/// The entries of directory `dir`, sorted by name; none if it cannot be read.
func dirents(_ dir: Path) async -> DirectoryEntries {
    do {
        return try await offload { try readDir(dir) }   // in place; the worker is handed off if the read waits
    } catch {
        printError("du1: ", error)
        return []
    }
}

Stdout.useLineBuffering()
await runMain {
    // The initial directories.
    let flags = FlagSet()
    var roots = flags.parse().map(Path.init(bytes:))
    if roots.isEmpty { roots = ["."] }

    // Traverse the file tree.
    let fileSizes = Chan<Int64>()
    go {
        for root in roots {
            try await walkDir(root, fileSizes.sendOnly)
        }
        fileSizes.close()
    }

    // Print the results.
    var nfiles: Int64 = 0, nbytes: Int64 = 0
    for await size in fileSizes {
        nfiles += 1
        nbytes += size
    }
    printDiskUsage(nfiles, nbytes)
}
