import AsyncHTTPClient
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP client per event loop, each with its connections on its loop, and the choice of which
/// one sends a request.
///
/// A request made from a loop's thread goes out on that loop's connections, so that its response
/// comes back, and the goroutine waiting for it resumes, on the same thread (see
/// `EventLoopGoroutines`). That keeps a crawler's pages on the loop where they started: left
/// alone, a crawl whose goroutines all start on one loop would use one core for good while the
/// other sits idle. So a loop with `imbalanceLimit` or more requests in flight beyond the
/// least-busy loop sends the request there instead. The response then comes back on that loop,
/// and the crawler's next requests stay there too: a few requests move, not one in two.
final class LoopClients: Sendable {
    /// One loop's client, and how many of its requests are in flight.
    final class Member: Sendable {
        let client: HTTPClient
        let inFlight = Atomic<Int>(0)

        fileprivate init(client: HTTPClient) {
            self.client = client
        }
    }

    /// How many more requests in flight than the least-busy loop a loop may have before its
    /// requests go there.
    static let imbalanceLimit = 2

    let members: [Member]
    private let byLoop: [ObjectIdentifier: Member]

    init(group: MultiThreadedEventLoopGroup, configuration: HTTPClient.Configuration) {
        var members: [Member] = []
        var byLoop: [ObjectIdentifier: Member] = [:]
        for loop in group.makeIterator() {
            let member = Member(client: HTTPClient(eventLoopGroup: loop, configuration: configuration))
            members.append(member)
            byLoop[ObjectIdentifier(loop)] = member
        }
        self.members = members
        self.byLoop = byLoop
    }

    /// The client for a request made now: the calling loop's own unless it is `imbalanceLimit`
    /// requests busier than the least-busy one; from any other thread, the least busy.
    func choose() -> Member {
        var leastBusy = members[0]
        for member in members.dropFirst()
        where member.inFlight.load(ordering: .relaxed) < leastBusy.inFlight.load(ordering: .relaxed) {
            leastBusy = member
        }
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop, let own = byLoop[ObjectIdentifier(loop)] else {
            return leastBusy
        }
        let excess = own.inFlight.load(ordering: .relaxed) - leastBusy.inFlight.load(ordering: .relaxed)
        return excess >= Self.imbalanceLimit ? leastBusy : own
    }

    /// Shuts every client down, even when one fails; throws the first failure.
    func shutdown() async throws {
        var failure: (any Error)?
        for member in members {
            do {
                try await member.client.shutdown()
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }
}
