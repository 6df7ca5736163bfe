@_spi(Testing) import Channels
@testable import Links
import NIOConcurrencyHelpers
import NIOPosix
import Testing

/// `Links.goroutines`: goroutines run on the HTTP client's event loops, each readied goroutine
/// on the loop that readied it.
@Suite(.timeLimit(.minutes(1))) struct EventLoopGoroutinesTests {
    /// Which event loop a goroutine was on (nil: not on an event-loop thread).
    struct Place: Sendable, Hashable {
        let loop: ObjectIdentifier?
        static var here: Place { Place(loop: MultiThreadedEventLoopGroup.currentEventLoop.map(ObjectIdentifier.init)) }
    }

    static let clientLoops = Set(LinkExtractor.eventLoops.makeIterator().map { ObjectIdentifier($0) })

    @Test func goroutinesStartedFromElsewhereRunOnTheClientsLoops() async throws {
        // Given 200 goroutines started from a task that is on no event loop
        #expect(Place.here.loop == nil)
        let places = Chan<Place>(capacity: 200)
        for _ in 0..<200 { go(executor: Links.goroutines) { try await places.send(.here) } }
        // Then each runs, on one of the client's loops
        for _ in 0..<200 {
            let place = try await places.receive()!
            #expect(place.loop.map(Self.clientLoops.contains) == true)
        }
    }

    @Test(arguments: 0..<20)
    func aGoroutineReadiedOnALoopRunsThereOnceTheRunningOneSuspends(_ trial: Int) async throws {
        // Given a goroutine parked receiving (twenty times: two loops would meet by chance
        // half the time if readied goroutines went to any loop)
        let handoff = Chan<Place>()
        let order = NIOLockedValueBox<[String]>([])
        let seen = Chan<[Place]>(capacity: 1)
        go(executor: Links.goroutines) {
            let senders = try await handoff.receive()!
            order.withLockedValue { $0.append("receiver resumed") }
            try await seen.send([senders, .here])
        }
        try await waitUntil("the receiver parked") { handoff.parkedReceiverCount == 1 }
        // When another goroutine sends to it and goes on without suspending
        go(executor: Links.goroutines) {
            try await handoff.send(.here)
            order.withLockedValue { $0.append("sender went on") }
        }
        // Then the receiver resumes on the sender's loop, after the sender's run, not inside it
        let places = try await seen.receive()!
        #expect(places[0].loop != nil)
        #expect(places[1] == places[0])
        #expect(order.withLockedValue { $0 } == ["sender went on", "receiver resumed"])
    }

    @Test func aLongRunOfGoroutinesLetsTheLoopDoItsOtherWork() async throws {
        // Given two goroutines passing a count back and forth, which keeps readying each other
        // on one loop, and a task queued on that loop while they do
        let rounds = 5_000
        let ping = Chan<Int>(), pong = Chan<Int>()
        let reached = NIOLockedValueBox(-1)            // the last count back from the echo
        let reachedWhenTaskRan = NIOLockedValueBox<Int?>(nil)
        let finished = Chan<Int>(capacity: 1)
        go(executor: Links.goroutines) {
            while let count = try await ping.receive() { try await pong.send(count) }
        }
        go(executor: Links.goroutines) {
            for count in 0..<rounds {
                if count == 10, let loop = MultiThreadedEventLoopGroup.currentEventLoop {
                    loop.execute { reachedWhenTaskRan.withLockedValue { $0 = reached.withLockedValue { $0 } } }
                }
                try await ping.send(count)
                let back = try await pong.receive()!
                reached.withLockedValue { $0 = back }
            }
            ping.close()
            try await finished.send(reached.withLockedValue { $0 })
        }
        // Then every count comes back, and the queued task ran long before the run ended: the
        // loop takes a bounded number of goroutine turns before its own work
        #expect(try await finished.receive() == rounds - 1)
        let atTask = try #require(reachedWhenTaskRan.withLockedValue { $0 })
        #expect(atTask < 10 + EventLoopGoroutines.turnLimit)
    }

    @Test func aPageFetchedOnALoopComesBackOnThatLoop() async throws {
        // Given the site, and a goroutine on the client's loops
        let server = try await TestServer.start(Site.answers())
        let (places, found) = try await withExtractor(timeout: .seconds(10)) { extractor in
            let result = Chan<([Place], [[String]])>(capacity: 1)
            go(executor: Links.goroutines) {
                // When it fetches pages, one after another
                var places = [Place.here]
                var found: [[String]] = []
                for page in ["/a.html", "/b.html", "/a.html", "/b.html", "/a.html", "/b.html", "/a.html", "/b.html"] {
                    found.append(try await extractor.extract(server.base + page))
                    places.append(.here)
                }
                try await result.send((places, found))
            }
            return try await result.receive()!
        }
        try await server.stop()
        // Then each response resumes it on the loop it asked from: each request went out on a
        // connection of that loop, and no other thread was involved
        #expect(places[0].loop != nil)
        #expect(Set(places).count == 1)
        let b = server.base
        #expect(found == Array(repeating: [["\(b)/", "\(b)/b.html"], ["\(b)/a.html"]], count: 4).flatMap { $0 })
    }
}

/// Waits, yielding, until `condition` holds; the bound only turns a hang into a failure.
func waitUntil(_ what: String, within bound: Duration = .seconds(30), _ condition: () -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: bound)
    while !condition() {
        guard clock.now < deadline else { throw WaitError(what: what) }
        await Task.yield()
    }
}

struct WaitError: Error, CustomStringConvertible {
    let what: String
    var description: String { "never happened: \(what)" }
}
