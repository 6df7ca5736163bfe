import NIOConcurrencyHelpers

extension LinkExtractor {
    /// Runs `operation` (one page's requests and body) with `timeout` for the whole of it, as Go's
    /// `http.Client.Timeout` covers the headers and the body. On time-out the operation is
    /// cancelled, which closes its connection, and the error names the phase it was in.
    func withTimeout<Value: Sendable>(
        _ given: String,
        _ operation: @escaping @Sendable (FetchProgress) async throws -> Value
    ) async throws -> Value {
        let progress = FetchProgress()
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation(progress) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let value = try await group.next()! else {
                throw progress.timeoutError(given)
            }
            return value
        }
    }
}

/// How far one page's fetch has got, for the time-out's message.
final class FetchProgress: Sendable {
    private struct State {
        var url: [UInt8] = []      // the URL requested last (after redirects)
        var readingBody = false    // its headers have arrived
    }
    // A pthread mutex, which ThreadSanitizer sees; it does not see Synchronization.Mutex's futex.
    private let state = NIOLockedValueBox(State())

    func requesting(_ url: GoURL) {
        state.withLockedValue { $0 = State(url: url.bytes, readingBody: false) }
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
        return .request(url.isEmpty ? Array(given.utf8) : url,
                        "context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
    }
}
