// du3: du2 that walks every directory in a goroutine of its own, all in parallel, with a
// counting semaphore allowing at most 20 directory reads at once.
// gopl.io/ch8/du3, book page 250.
import Channels
import DiskUsage
import ExampleSupport

/// Walks the tree rooted at `dir`, a goroutine per subdirectory, and sends the size of every
/// file found on `fileSizes`.
func walkDir(_ dir: Path, _ n: WaitGroup, _ fileSizes: SendChan<Int64>) async throws {
    defer { n.done() }
    for entry in try await dirents(dir) {
        if entry.isDirectory {
            n.add(1)
            let subdir = Path.join(dir, entry.name)
            go { try await walkDir(subdir, n, fileSizes) }
        } else {
            try await fileSizes.send(entry.size)
        }
    }
}

/// A counting semaphore that limits the directory reads in progress.
let sema = Chan<Void>(capacity: 20)

/// The entries of directory `dir`, sorted by name; none if it cannot be read.
func dirents(_ dir: Path) async throws -> DirectoryEntries {
    try await sema.send(())    // acquire a token
    defer { sema.tryReceive() }   // release it
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

    // Traverse each root of the file tree in parallel.
    let fileSizes = Chan<Int64>()
    let n = WaitGroup()
    for root in roots {
        n.add(1)
        go { try await walkDir(root, n, fileSizes.sendOnly) }
    }
    go {
        try await n.wait()
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
