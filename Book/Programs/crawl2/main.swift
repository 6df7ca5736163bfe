// crawl2: crawls the web from the URLs given as arguments, printing each URL as it is
// fetched, with at most 20 requests at once (a counting semaphore of 20 tokens). It ends when
// the worklist is empty. gopl.io/ch8/crawl2, book page 241.
//
// Two of the book's exercises as options; without them it is the book's program:
// - `-depth N` (exercise 8.6): crawl only pages at most N links away from the arguments.
// - `-cancel` (exercise 8.10): a byte or the end of standard input cancels the crawl; the
//   requests in flight are abandoned, their connections closed, and the program ends.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels
import ExampleSupport
import Links

let flags = FlagSet(notes: """
    Prints each URL as it crawls it, from the URLs given, with at most 20 requests at once,
    and ends when no link is left. CRAWL_TIMEOUT sets how long a page may take, in seconds
    (default 30).
    """)
let depthFlag = flags.int("depth", -1, "crawl only pages at most this many links away from the arguments\n(negative: no limit)")
let cancelFlag = flags.bool("cancel", false, "cancel the crawl, and every request in flight, on a byte or the end of\nstandard input (without it standard input is not read)")
let arguments = flags.parse().map { String(decoding: $0, as: UTF8.self) }
let maxDepth = depthFlag.value, cancelOnInput = cancelFlag.value

/// A counting semaphore that limits the requests in flight to 20.
let tokens = Chan<Void>(capacity: 20)

/// Closed when the crawl is cancelled.
let done = Chan<Void>()

func cancelled() -> Bool {
    if case .closed = done.tryReceive() { return true }
    return false
}

func crawl(_ url: String) async throws -> [String] {
    if cancelled() { return [] }
    print(url)
    try await tokens.send(())       // acquire a token
    defer { tokens.tryReceive() }   // release the token
    if cancelled() { return [] }
    do {
        return try await extract(url)
    } catch is CancellationError {
        return []                   // the crawl was cancelled: nothing to report
    } catch {
        Log.print(error)
        return []
    }
}

/// `Links.extract(url)`, abandoned as soon as the crawl is cancelled. Go: a request made with
/// `req.Cancel = done`.
func extract(_ url: String) async throws -> [String] {
    guard cancelOnInput else { return try await Links.extract(url) }
    let request = Task(executorPreference: Links.goroutines) { try await Links.extract(url) }
    let canceller = go(executor: Links.goroutines) {
        _ = try await done.receive()
        request.cancel()
    }
    defer { canceller.cancel() }
    return try await request.value
}

/// Links found on a page, and how many links away from the arguments they are.
struct Found: Sendable {
    let links: [String]
    let depth: Int
}

Stdout.useLineBuffering()
// The main goroutine runs on the HTTP client's event loop too. A crawler that finishes a page
// hands its links to main on its own thread, queued behind the goroutine it just gave its token
// to, so the next request goes out first and no other thread is woken; main only adds the links
// to `seen` and starts a goroutine per new one, which waits for a token. On a worker thread, main
// cost a thread wake-up per page, and its worker's spinning competed with the loop for the cores.
// No deadlock detection: its goroutines wait on HTTP responses, which the detector cannot see.
await runMain(executor: Links.goroutines, detectingDeadlocks: false) {
    if cancelOnInput { onStdinByteOrEOF { done.close() } }

    let worklist = Chan<Found>()
    var n = 0   // number of pending sends to worklist

    // Start with the command-line arguments.
    n += 1
    go(executor: Links.goroutines) { try await worklist.send(Found(links: arguments, depth: 0)) }

    // Crawl the web concurrently. The crawling goroutines run where their responses arrive
    // (`Links.goroutines`), as Go's run where the network poller readies them: a page goes from
    // its response to the next request on one thread, with no hop to a worker and back.
    var seen: Set<String> = []
    while n > 0 {
        let found = try await worklist.receive()!
        n -= 1
        if cancelled() { continue }   // wait only for the crawls in flight, which end at once
        if maxDepth >= 0 && found.depth > maxDepth { continue }
        for link in found.links where seen.insert(link).inserted {
            n += 1
            go(executor: Links.goroutines) {
                try await worklist.send(Found(links: try await crawl(link), depth: found.depth + 1))
            }
        }
    }
    // The crawl is over, and the process ends here as Go's does: the idle connections and the
    // `seen` set are left to the operating system. Closing the client's connections one by one,
    // then freeing the set's strings on the way out of this closure, added about 2 ms to every
    // crawl's end, measured against the original (`Benchmarks/crawl/compare`). The price:
    // `runMain`'s check for goroutines left at the end (SWIFT_CHANNELS_CHECK_LEAKS_AT_EXIT) does
    // not run for crawl2.
    exit(0)
}
