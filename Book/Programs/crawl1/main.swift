// crawl1: crawls the web from the URLs given as arguments, a goroutine per link with no
// limit, printing each URL as it is fetched. It never ends: it waits for more work after the
// last page. gopl.io/ch8/crawl1, book page 240.
import Channels
import ExampleSupport
import Links

func crawl(_ url: String) async -> [String] {
    print(url)
    do {
        return try await Links.extract(url)
    } catch {
        Log.print(error)
        return []
    }
}

Stdout.useLineBuffering()
// No deadlock detection: the crawlers' goroutines wait on HTTP responses, which the detector
// cannot see, and once the site is exhausted this program must hang as the original does (Go's
// idle HTTP connections keep its runtime from declaring a deadlock).
await runMain(detectingDeadlocks: false) {
    let worklist = Chan<[String]>()

    // Start with the command-line arguments.
    let arguments = Array(CommandLine.arguments.dropFirst())
    go { try await worklist.send(arguments) }

    // Crawl the web concurrently.
    var seen: Set<String> = []
    for await list in worklist {
        for link in list where seen.insert(link).inserted {
            go { try await worklist.send(await crawl(link)) }
        }
    }
}
