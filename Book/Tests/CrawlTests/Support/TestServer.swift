import Channels
import NIOCore
import NIOHTTP1
import NIOPosix
import ProgramTesting
import NIOConcurrencyHelpers
import Foundation

/// How the test server answers one path.
enum Answer: Sendable {
    /// A response, after `delay`.
    case page(status: HTTPResponseStatus = .ok, contentType: String = "text/html; charset=utf-8",
              headers: [(String, String)] = [], body: String, delay: TimeAmount = .zero)
    /// The head and the first bytes of a body longer than them, then the connection closes.
    case truncated(body: String)
    /// Nothing, ever: the request stays in flight until the client gives up.
    case never
}

/// What the server has seen, for the tests to assert on.
struct ServerCounts: Sendable {
    var inFlight = 0          // requests received and not yet answered or abandoned
    var maxInFlight = 0       // the most there ever were at once
    var openConnections = 0   // connections accepted and not yet closed
    var requests: [String] = []  // every request's target, in the order received
}

/// An HTTP/1.1 server on SwiftNIO, on loopback at an ephemeral port, serving a fixed site and
/// counting the requests in flight. Tests wait on its counts changing, never on time.
final class TestServer: Sendable {
    let port: Int
    private let channel: any Channel
    // Locks are NIO's pthread mutexes, which ThreadSanitizer sees (it does not see the futex
    // under Synchronization.Mutex, and reports the accesses it orders as races).
    private let state: NIOLockedValueBox<State>

    private struct State {
        var counts = ServerCounts()
        var watchers: [Watcher] = []   // tests waiting for a condition on the counts
    }

    private struct Watcher {
        let condition: @Sendable (ServerCounts) -> Bool
        let fired: Chan<Void>          // one slot: told once, when the condition holds
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts serving `answers`, keyed by request target (path and query); `{{base}}` in a body
    /// becomes the server's base URL. Other targets get a 404.
    static func start(_ answers: [String: Answer]) async throws -> TestServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    try child.pipeline.syncOperations.addHandler(SiteHandler(answers: answers, server: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = TestServer(channel: channel)
        box.server.withLockedValue { $0 = server }
        return server
    }

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress!.port!
        state = NIOLockedValueBox(State())
    }

    func stop() async throws {
        try await channel.close()
    }

    var counts: ServerCounts { state.withLockedValue { $0.counts } }

    /// Waits until `condition` holds for the counts; fails after `timeout`.
    func wait(
        for what: String, within timeout: Duration = .seconds(30),
        until condition: @escaping @Sendable (ServerCounts) -> Bool
    ) async throws {
        let fired = Chan<Void>(capacity: 1)
        let holdsNow = state.withLockedValue { state -> Bool in
            if condition(state.counts) { return true }
            state.watchers.append(Watcher(condition: condition, fired: fired))
            return false
        }
        if holdsNow { return }
        let deadline = after(timeout)
        try await select {
            receive(from: fired) { _ in }
            receive(from: deadline) { _ in throw TimedOut(what: "the server to see \(what)") }
        }
    }

    /// Applies `change` to the counts and tells the watchers whose condition now holds (after
    /// the lock is released).
    func update(_ change: (inout ServerCounts) -> Void) {
        let fired = state.withLockedValue { state -> [Chan<Void>] in
            change(&state.counts)
            state.counts.maxInFlight = max(state.counts.maxInFlight, state.counts.inFlight)
            let counts = state.counts
            var fired: [Chan<Void>] = []
            state.watchers.removeAll { watcher in
                guard watcher.condition(counts) else { return false }
                fired.append(watcher.fired)
                return true
            }
            return fired
        }
        for chan in fired { chan.trySend(()) }
    }
}

/// Lets each connection's handler reach the server, which exists only once bound.
final class ServerBox: Sendable {
    let server = NIOLockedValueBox<TestServer?>(nil)
    func update(_ change: (inout ServerCounts) -> Void) {
        server.withLockedValue { $0 }?.update(change)
    }
}

/// One connection's handler: answers each request from the site, on the connection's event
/// loop, and keeps the server's counts.
private final class SiteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let answers: [String: Answer]
    private let server: ServerBox
    private var target = ""
    private var pending = false   // a request is in flight on this connection

    init(answers: [String: Answer], server: ServerBox) {
        self.answers = answers
        self.server = server
    }

    func channelActive(context: ChannelHandlerContext) {
        server.update { $0.openConnections += 1 }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let abandoned = pending
        pending = false
        server.update { counts in
            counts.openConnections -= 1
            if abandoned { counts.inFlight -= 1 }
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            target = head.uri
            pending = true
            let target = head.uri
            server.update { counts in
                counts.inFlight += 1
                counts.requests.append(target)
            }
        case .body:
            break
        case .end:
            respond(context: context)
        }
    }

    private func respond(context: ChannelHandlerContext) {
        let base = "http://\(context.channel.localAddress!.ipAddress!):\(context.channel.localAddress!.port!)"
        switch answers[target] ?? .page(status: .notFound, contentType: "text/plain", body: "404 page not found\n") {
        case .never:
            return
        case .truncated(let body):
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "Content-Type", value: "text/html")
            head.headers.add(name: "Content-Length", value: String(body.utf8.count * 2))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            let buffer = context.channel.allocator.buffer(string: body)
            // Close once the bytes are on their way, so that the close cannot overtake them.
            let context = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.value.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { _ in
                context.value.close(promise: nil)
            }
        case .page(let status, let contentType, let headers, let text, let delay):
            let body = text.replacingOccurrences(of: "{{base}}", with: base)
            let send = { [self] in
                guard pending else { return }   // the client went away meanwhile
                var head = HTTPResponseHead(version: .http1_1, status: status)
                head.headers.add(name: "Content-Type", value: contentType)
                head.headers.add(name: "Content-Length", value: String(body.utf8.count))
                for (name, value) in headers { head.headers.add(name: name, value: value) }
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                pending = false
                server.update { $0.inFlight -= 1 }
            }
            if delay == .zero {
                send()
            } else {
                context.eventLoop.assumeIsolated().scheduleTask(in: delay, send)
            }
        }
    }
}
