import AsyncHTTPClient
import NIOCore
import NIOPosix
import Testing

@testable import Links

/// `LoopClients.choose`: a request stays on the calling loop's client unless that loop is
/// `imbalanceLimit` requests busier than the least-busy one.
@Suite struct LoopClientsTests {
    @Test func aRequestStaysOnItsLoopUntilTheLoopIsTooBusy() async throws {
        // Given two loops, each with a client
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = Array(group.makeIterator())
        let clients = LoopClients(group: group, configuration: HTTPClient.Configuration())
        func choice(on loop: any EventLoop) async throws -> ObjectIdentifier {
            try await loop.submit { ObjectIdentifier(clients.choose()) }.get()
        }
        let ids = clients.members.map { ObjectIdentifier($0) }
        // Then with nothing in flight each loop sends on its own connections
        #expect(try await choice(on: loops[0]) == ids[0])
        #expect(try await choice(on: loops[1]) == ids[1])
        // and still with one request more than the other loop
        clients.members[0].inFlight.store(1, ordering: .relaxed)
        #expect(try await choice(on: loops[0]) == ids[0])
        // When the first loop has two more in flight, its next request goes to the other loop,
        clients.members[0].inFlight.store(5, ordering: .relaxed)
        clients.members[1].inFlight.store(3, ordering: .relaxed)
        #expect(try await choice(on: loops[0]) == ids[1])
        // while the other loop keeps its own
        #expect(try await choice(on: loops[1]) == ids[1])
        // And from a thread that is not one of the loops, the least busy is chosen
        #expect(clients.choose() === clients.members[1])
        clients.members[1].inFlight.store(6, ordering: .relaxed)
        #expect(clients.choose() === clients.members[0])
        try await clients.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func theExtractorCountsEachRequestWhileItIsInFlight() async throws {
        // Given a page that never answers
        let server = try await TestServer.start(Site.answers())
        try await withExtractor(timeout: .seconds(600)) { extractor in
            let request = Task { try await extractor.extract(server.base + "/slow.html") }
            try await server.wait(for: "the request") { $0.inFlight == 1 }
            // Then its client counts it in flight until it ends
            #expect(extractor.clients.members.map { $0.inFlight.load(ordering: .relaxed) }.reduce(0, +) == 1)
            request.cancel()
            _ = await request.result
            #expect(extractor.clients.members.map { $0.inFlight.load(ordering: .relaxed) }.reduce(0, +) == 0)
        }
        try await server.stop()
    }
}
