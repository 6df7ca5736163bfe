/// Runs `body`, then fails if a goroutine started inside it (by `body` or by any goroutine
/// started there, transitively) is still alive: go.uber.org/goleak's `VerifyNone`, scoped.
///
/// Goroutines that are on their way out get `grace` to finish; the check waits for the last of
/// them to end, not for the whole grace period. The error names each leaked goroutine, where it
/// was started and what it is blocked on, in the format of `Goroutines.dump()`:
///
/// ```swift
/// @Test func noLeak() async throws {
///     try await withGoroutineLeakCheck {
///         let fastest = try await mirroredQuery()
///         #expect(fastest.hasPrefix("mirror"))
///     }
/// }
/// ```
///
/// Only goroutines started with `go` are seen, and only while the registry is on (the default;
/// see `SWIFT_CHANNELS_REGISTRY`). Other tests running at the same time do not disturb the
/// check: their goroutines belong to no scope, or to their own.
@discardableResult
nonisolated(nonsending) public func withGoroutineLeakCheck<Result>(
    grace: Duration = .seconds(2),
    _ body: () async throws -> Result
) async throws -> Result {
    let enclosing = TaskContext.current
    let scope = LeakScope(enclosing: enclosing.scope)
    let result = try await TaskContext.$current.withValue(TaskContext(goroutine: enclosing.goroutine, scope: scope)) {
        try await body()
    }
    if try await scope.waitUntilEmpty(within: grace) {
        return result
    }
    let leaked = GoroutineRegistry.shared.all().filter { $0.identity.scope?.isWithin(scope) == true }
    if leaked.isEmpty { return result }  // the last one ended just after the grace period
    throw GoroutineLeak(goroutines: leaked.map(GoroutineInfo.init))
}

/// Goroutines still alive at the end of a `withGoroutineLeakCheck` body.
public struct GoroutineLeak: Error, CustomStringConvertible {
    /// The leaked goroutines, by id.
    public let goroutines: [GoroutineInfo]

    public var description: String {
        let count = goroutines.count
        return "found \(count) leaked goroutine\(count == 1 ? "" : "s"):\n\n" + Goroutines.format(goroutines)
    }
}
