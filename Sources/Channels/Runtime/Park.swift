/// What a task can park on: a channel, a select's once-flag, a wait group. It removes a parked
/// waiter of its own when that waiter's task is cancelled.
@usableFromInline
protocol ParkSite: AnyObject, Sendable {
    /// Removes the parked waiter `id`, unless an event has already taken it, and resumes it as
    /// cancelled. Called with no lock held, by the cancelled task's cancellation handler or by
    /// its goroutine's cancellation hook.
    func cancelWaiter(_ id: WaiterID)
}

/// What the goroutine dump says a parked goroutine waits for (Go's `waitReason`).
@usableFromInline
enum ParkReason: Sendable {
    case send        // a send on the site, a channel
    case receive     // a receive from the site, a channel
    case select      // a select; the site is its `SelectWaiter`
    case waitGroup   // `WaitGroup.wait()`; the site is the wait group
}

/// Parks the running task until a waker resumes it: the one park of the library, used by
/// channel sends and receives, `select` and `WaitGroup.wait`. Go: `gopark`.
///
/// The order of its steps is the contract every kind of waiter relies on:
///
/// 1. **The waiter's id** is taken first, carrying the deadlock detector's flag when the running
///    goroutine is counted, so that whoever wakes the waiter takes it off the blocked count.
/// 2. **The wait is published** in the goroutine's record (for the dump, and for the goroutine's
///    cancellation hook, which finds the waiter through it) before the site's lock is taken.
/// 3. **Under the site's lock**, `completeNow` decides whether the operation can end without
///    waiting (the state may have moved since the caller's fast path unlocked); if so, `finish`
///    completes it after unlocking (it may resume another party) and gives the wake value. A
///    goroutine's own task that already holds the lock, having just looked under it (a select's
///    pass 1), passes a `lock` that takes nothing and a `completeNow` that finds nothing; only
///    its park is sure to run on, with no hop between the caller's lock and the enqueueing.
/// 4. **Cancellation is checked under the lock**, after the wait is published: either the
///    cancellation came first and the task does not park, or it comes later and its handler (or
///    the goroutine's hook) finds the published wait and removes the waiter, taking the same
///    lock, so it cannot run between the check and the enqueueing.
/// 5. **The goroutine is counted as blocked** before any waker can see its waiter.
/// 6. **The waiter is enqueued** (`enqueue`), which may still refuse (a select cancelled while it
///    armed); a refusal undoes the count.
/// 7. **After unlocking**, if every counted goroutine is now blocked, the deadlock is confirmed.
/// 8. **On waking**, the published wait is cleared.
///
/// A goroutine's own task is cancelled through one hook installed when the goroutine starts
/// (`GoroutineHandle.run`), which reads the published wait: no cancellation handler per park. Any
/// other task (a plain `Task`, a child task of a goroutine) publishes nothing and gets a handler
/// around this park.
///
/// The wake value of a cancelled park is `cancelled`. `completeNow` and `enqueue` run under the
/// lock and must not resume anything; `enqueue` returns nil once the waiter is queued, or the
/// value to wake with at once.
@inlinable
nonisolated(nonsending) func park<Site: ParkSite, Ready, Wake: Sendable>(
    on site: Site,
    for reason: ParkReason,
    cancelled: Wake,
    lock: () -> Void,
    unlock: () -> Void,
    completeNow: () -> Ready?,
    finish: (Ready) -> Wake,
    enqueue: (UnsafeContinuation<Wake, Never>, WaiterID) -> Wake?
) async -> Wake {
    let goroutine = GoroutineRecord.running   // nil for a task that is not a goroutine's own
    let id = nextWaiterID() | (goroutine?.waiterFlag ?? 0)
    goroutine?.willPark(on: site, for: reason, id: id)

    func wait(_ continuation: UnsafeContinuation<Wake, Never>) {
        lock()
        if let ready = completeNow() {
            unlock()
            return continuation.resume(returning: finish(ready))
        }
        if Task.isCancelled {
            unlock()
            return continuation.resume(returning: cancelled)
        }
        let allBlocked = goroutine?.countBlocked() ?? false
        if let wake = enqueue(continuation, id) {
            if goroutine?.countsForDeadlock == true { noteCountedWaiterWoken() }
            unlock()
            return continuation.resume(returning: wake)
        }
        unlock()
        if allBlocked { confirmSuspectedDeadlock() }
    }
    let wake: Wake
    if goroutine != nil {   // cancelled through the goroutine's hook
        wake = await withUnsafeContinuation(isolation: #isolation, wait)
    } else {
        wake = await withTaskCancellationHandler(operation: {
            await withUnsafeContinuation(isolation: #isolation, wait)
        }, onCancel: {
            site.cancelWaiter(id)
        }, isolation: #isolation)
    }
    goroutine?.resumed()
    return wake
}

/// The id of no waiter, as the record holds it while the goroutine is not parked.
@usableFromInline
let noWaiterID: WaiterID = 0
