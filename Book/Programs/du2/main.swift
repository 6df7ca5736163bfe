// du2: du1 that, with -v, prints the running totals every half second while it walks.
// gopl.io/ch8/du2, book page 249.
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
        printError("du: ", error)
        return []
    }
}

Stdout.useLineBuffering()
await runMain {
    let flags = FlagSet()
    let verbose = flags.bool("v", false, "show verbose progress messages")
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

    // Print the results periodically.
    let tick = verbose.value ? tick(.milliseconds(500)) : nil   // a nil channel is never ready
    var nfiles: Int64 = 0, nbytes: Int64 = 0
    var walking = true
    while walking {
        try await select {
            receive(from: fileSizes) { size in
                guard let size else {
                    walking = false   // fileSizes was closed
                    return
                }
                nfiles += 1
                nbytes += size
            }
            receive(from: tick) { _ in
                printDiskUsage(nfiles, nbytes)
            }
        }
    }
    printDiskUsage(nfiles, nbytes)   // final totals
}
