@testable import Links

/// Runs `body` with a new extractor, and shuts the extractor down afterwards, also when `body`
/// throws. AsyncHTTPClient stops the process when a client is dropped without a shutdown, so one
/// failed fetch would otherwise take every other test down with it.
func withExtractor<Result>(
    timeout: Duration, _ body: (LinkExtractor) async throws -> Result
) async throws -> Result {
    let extractor = LinkExtractor(timeout: timeout)
    let result: Result
    do {
        result = try await body(extractor)
    } catch {
        try? await extractor.shutdown()
        throw error
    }
    try await extractor.shutdown()
    return result
}
