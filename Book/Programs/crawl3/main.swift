// crawl3: crawls the web from the URLs given as arguments with 20 long-lived crawler
// goroutines, printing each URL as it is fetched. Like crawl1 it never ends.
// gopl.io/ch8/crawl3, book page 243.
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
    let worklist = Chan<[String]>()    // lists of URLs, may have duplicates
    let unseenLinks = Chan<String>()   // de-duplicated URLs

    // Add the command-line arguments to the worklist.
    let arguments = Array(CommandLine.arguments.dropFirst())
    go { try await worklist.send(arguments) }

    // Create 20 crawler goroutines to fetch each unseen link.
    for _ in 0..<20 {
        go {
            for await link in unseenLinks {
                let foundLinks = await crawl(link)
                go { try await worklist.send(foundLinks) }
            }
        }
    }

    // The main goroutine de-duplicates worklist items and sends the unseen ones to the
    // crawlers.
    var seen: Set<String> = []
    for await list in worklist {
        for link in list where seen.insert(link).inserted {
            try await unseenLinks.send(link)
        }
    }
}
