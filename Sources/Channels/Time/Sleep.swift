/// Suspends the running goroutine for `duration` on `clock`: `Task.sleep(for:clock:)`, shown in
/// `Goroutines.dump()` as `[sleep]`. Throws `CancellationError` if the task is cancelled first.
/// Go: `time.Sleep(d)`.
public func sleep<C: Clock>(for duration: C.Duration, clock: C) async throws {
    let goroutine = GoroutineRecord.running
    goroutine?.willWait(.sleep)
    defer { goroutine?.resumed() }
    try await clock.sleep(for: duration)
}

/// Suspends the running goroutine for `duration`. Go: `time.Sleep(d)`.
public func sleep(for duration: Duration) async throws {
    try await sleep(for: duration, clock: ContinuousClock())
}
