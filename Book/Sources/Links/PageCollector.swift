import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// One response as the crawler needs it: the head, and the body when the crawler will parse it.
struct Page: Sendable {
    let head: HTTPResponseHead
    let body: [UInt8]
}

/// Collects a response on the connection's event loop and hands it over whole, so that the
/// waiting goroutine resumes once per request (AsyncHTTPClient's async body sequence resumes it
/// for the head and again for the body). A body the crawler will not parse, of a redirect, an
/// error status or a page that is not HTML, is let go by as it arrives.
final class PageCollector: HTTPClientResponseDelegate {
    typealias Response = Page

    private struct State {
        var head: HTTPResponseHead?     // once it has arrived
        var keepsBody = false           // a 200 with an HTML content type: the body is wanted
        var body: [UInt8] = []          // what has arrived of a wanted body
    }

    private let progress: FetchProgress
    private let limit: Int
    // The callbacks run on the connection's event loop, one after another; the lock is for the
    // compiler's and ThreadSanitizer's sake (a pthread mutex, which TSan sees).
    private let state = NIOLockedValueBox(State())

    init(progress: FetchProgress, limit: Int) {
        self.progress = progress
        self.limit = limit
    }

    func didReceiveHead(task: HTTPClient.Task<Page>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let wanted = head.status == .ok && isHTML(head.headers.first(name: "Content-Type"))
        state.withLockedValue { state in
            state.head = head
            state.keepsBody = wanted
        }
        progress.readingBody()
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Page>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let tooLarge = state.withLockedValue { state -> Bool in
            guard state.keepsBody else { return false }
            guard state.body.count + buffer.readableBytes <= limit else { return true }
            state.body += buffer.readableBytesView
            return false
        }
        if tooLarge { return task.eventLoop.makeFailedFuture(PageTooLarge()) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Page>) throws -> Page {
        try state.withLockedValue { state in
            guard let head = state.head else { throw HTTPClientError.remoteConnectionClosed }
            return Page(head: head, body: state.body)
        }
    }
}

/// A page longer than `LinkExtractor.maximumPageSize`.
struct PageTooLarge: Error {}

/// Whether a Content-Type names an HTML page. Go's parser would take anything; a crawler gets
/// nothing from an image but garbage. No Content-Type at all, or an empty media type, is taken
/// for HTML. The media type is what comes before any `;`, without surrounding spaces or tabs,
/// in any case. It is compared as bytes: this runs twice for every page, on the event loop.
func isHTML(_ contentType: String?) -> Bool {
    guard var contentType else { return true }
    return contentType.withUTF8 { bytes in
        var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        var start = bytes.startIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let mediaType = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return mediaType.isEmpty || equalsIgnoringASCIICase(mediaType, "text/html")
            || equalsIgnoringASCIICase(mediaType, "application/xhtml+xml")
    }
}

/// Whether `bytes` spell `word` (lower-case ASCII), letters in either case.
private func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    guard bytes.count == word.utf8CodeUnitCount else { return false }
    for (index, byte) in bytes.enumerated() where lowercased(byte) != word.utf8Start[index] {
        return false
    }
    return true
}
