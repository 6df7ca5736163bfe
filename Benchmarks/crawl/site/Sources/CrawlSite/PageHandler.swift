import NIOCore
import NIOHTTP1

/// Answers one connection's requests: a page after the site's latency, `/stats` and 404s at
/// once. One instance per connection, used on its event loop only.
final class PageHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let site: Site
    private let stats: Stats
    private let latency: TimeAmount
    private var path: Substring = ""

    init(site: Site, stats: Stats, latency: TimeAmount) {
        self.site = site
        self.stats = stats
        self.latency = latency
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        case .body:
            break
        case .end:
            answer(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stats.connectionClosed(ObjectIdentifier(self))
        context.fireChannelInactive()
    }

    private func answer(context: ChannelHandlerContext) {
        if path == "/stats" {
            respond(context: context, status: .ok, contentType: "text/plain; charset=utf-8", body: Array(stats.report().utf8))
            return
        }
        guard let body = site.body(forPath: path) else {
            respond(context: context, status: .notFound, contentType: "text/plain; charset=utf-8",
                    body: Array("404 page not found\n".utf8))
            return
        }
        let connection = ObjectIdentifier(self)
        let stats = stats
        stats.requestArrived(on: connection, at: .now())
        // The handler and its context belong to this loop; the task runs on it.
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: latency) {
            let (handler, context) = bound.value
            stats.responseStarting()
            let written = handler.respond(context: context, status: .ok, contentType: "text/html; charset=utf-8", body: body)
            written.whenSuccess { stats.responseWritten(on: connection, at: .now()) }
        }
    }

    @discardableResult
    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, contentType: String, body: [UInt8]) -> EventLoopFuture<Void> {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        return written.futureResult
    }
}
