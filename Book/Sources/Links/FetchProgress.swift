import NIOConcurrencyHelpers

/// How far one page's fetch has got, for the time-out's message.
final class FetchProgress: Sendable {
    private struct State {
        var url: GoURL?            // the URL requested last (after redirects), printed on a time-out
        var readingBody = false    // its headers have arrived
    }
    // A pthread mutex, which ThreadSanitizer sees; it does not see Synchronization.Mutex's futex.
    private let state = NIOLockedValueBox(State())

    func requesting(_ url: GoURL) {
        state.withLockedValue { $0 = State(url: url, readingBody: false) }
    }

    func readingBody() {
        state.withLockedValue { $0.readingBody = true }
    }

    /// Whether the response head of the request made last has arrived.
    var hasHead: Bool { state.withLockedValue { $0.readingBody } }

    /// Go's words for a client time-out in each phase.
    func timeoutError(_ given: String) -> LinksError {
        let (url, readingBody) = state.withLockedValue { ($0.url, $0.readingBody) }
        if readingBody {
            return .parsing(given, "context deadline exceeded (Client.Timeout or context cancellation while reading body)")
        }
        return .request(url?.bytes ?? Array(given.utf8),
                        "context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    }
}
