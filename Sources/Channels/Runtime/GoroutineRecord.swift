#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The registry's record of one goroutine started with `go` (or the main goroutine of
/// `runMain`): who it is, where it was started, and what it waits for. Go: the runtime's `g`.
///
/// Records are reused, as Go reuses its `g`s: a goroutine that ends puts its record on a free
/// list (its worker's first), and the next `go` takes one from there, so starting a goroutine
/// allocates no record and links nothing into a shared list. The registry keeps every record it
/// ever made (Go's `allgs`): a record is never freed, and the dump walks them all and skips the
/// free ones.
///
/// Only the goroutine's tasks write its record: they set `wait` when they park and clear it
/// when they resume, and the dump reads it. Those two meet under `guardFlag`, a `SpinLock` held
/// for a few instructions at a time, so a park pays two uncontended atomic operations and no
/// allocation.
@usableFromInline
final class GoroutineRecord: @unchecked Sendable {
    // Invariant: `identity`, `generation`, `wait` and `waitingSince` are read and written only
    // while `guardFlag` is held. `body` is written by `go` before the goroutine's task
    // exists and taken by that task as it starts. `nextFree` belongs to the free list holding
    // the record, whose lock (or worker thread) guards it.
    private let guardFlag = SpinLock()
    private var identity: GoroutineIdentity?   // nil while the record is free
    private var generation: UInt64 = 0         // bumped as the record is given out, and as it is freed
    private var wait = StoredWait.none         // what it is blocked on; `.none` while it runs
    private var waitingSince: UInt64 = 0       // when `wait` was set
    // The site of a `.parked` wait, kept alive by the parked operation's frame until the
    // goroutine clears the wait, and the waiter's id there.
    private unowned(unsafe) var parkSite: (any ParkSite)?
    private var parkID = noWaiterID

    /// The body `go` started it with, until it starts running.
    var body: (() async throws -> Void)?
    var nextFree: GoroutineRecord?

    /// Keeps the fields above, which the goroutine writes at every park, off the cache lines of
    /// the record allocated next, which another goroutine on another core is writing: records
    /// are made in bursts, one after another in memory.
    private let padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    private func withGuard<R>(_ body: () -> R) -> R {
        guardFlag.withLock(body)
    }

    /// Gives a free record to a goroutine being started; returns the record's new generation.
    func assign(
        id: UInt64, parentID: UInt64, file: String, line: Int, function: String,
        scope: LeakScope?, isMain: Bool
    ) -> UInt64 {
        let now = coarseMonotonicNanoseconds()
        guardFlag.lock()
        identity = GoroutineIdentity(
            id: id, parentID: parentID, file: file, line: line, function: function,
            scope: scope, isMain: isMain, startedAt: now
        )
        wait = .none
        generation &+= 1
        let generation = generation
        guardFlag.unlock()
        return generation
    }

    /// Where the goroutine was started, if the record still belongs to the goroutine of
    /// `generation`: for reporting an error that escaped its body.
    func startSite(generation: UInt64) -> (file: String, line: Int, function: String)? {
        withGuard {
            guard self.generation == generation, let identity else { return nil }
            return (identity.file, identity.line, identity.function)
        }
    }

    /// Frees the record of a goroutine that has ended.
    func release() {
        withGuard {
            identity = nil
            wait = .none
            generation &+= 1   // a task still holding the ended goroutine's handle writes nothing
        }
    }

    /// Records what the goroutine of `generation` is about to wait for. A task holding the
    /// handle of an earlier generation (an unstructured `Task` that inherited the context of a
    /// goroutine since ended) writes nothing. The guard is taken and released around plain
    /// stores rather than through a closure, which would make every store pay a dynamic
    /// exclusivity check.
    func willWait(_ wait: StoredWait, generation: UInt64) {
        let now = coarseMonotonicNanoseconds()
        guardFlag.lock()
        if self.generation == generation {
            self.wait = wait
            waitingSince = now
        }
        guardFlag.unlock()
    }

    /// Publishes the park the goroutine of `generation` is about to make; see `park`.
    func willPark(on site: any ParkSite, for reason: ParkReason, id: WaiterID, generation: UInt64) {
        let now = coarseMonotonicNanoseconds()
        guardFlag.lock()
        if self.generation == generation {
            wait = .parked(reason)
            parkSite = site
            parkID = id
            waitingSince = now
        }
        guardFlag.unlock()
    }

    /// The goroutine of `generation` runs again.
    func resumed(generation: UInt64) {
        guardFlag.lock()
        if self.generation == generation {
            wait = .none
            parkSite = nil
            parkID = noWaiterID
        }
        guardFlag.unlock()
    }

    /// The goroutine's cancellation hook: cancels the park it has published, if any. The site is
    /// retained under the guard, while the parked operation's frame still holds it.
    func cancelPublishedPark(generation: UInt64) {
        guardFlag.lock()
        var site: (any ParkSite)?
        var id = noWaiterID
        if self.generation == generation, case .parked = wait, parkID != noWaiterID {
            site = parkSite
            id = parkID
        }
        guardFlag.unlock()
        site?.cancelWaiter(id)
    }

    /// Whether a goroutine holds the record.
    var isLive: Bool {
        withGuard { identity != nil }
    }

    /// Who the goroutine is, what it waits for and since when, copied under the guard; nil for
    /// a free record. The channel it waits on is retained here: until the goroutine takes the
    /// guard to record that it runs again, it is still inside the operation, whose frame holds
    /// the channel.
    func snapshot() -> (identity: GoroutineIdentity, wait: GoroutineWait, since: UInt64)? {
        withGuard {
            guard let identity else { return nil }
            let copied: GoroutineWait = switch wait {
            case .none: .none
            case .parked(.send): parkSite.map { .send($0) } ?? .none
            case .parked(.receive): parkSite.map { .receive($0) } ?? .none
            case .parked(.select):
                if let waiter = parkSite as? SelectWaiter, waiter.waitedCases != nil { .select(waiter) } else { .selectWithoutCases }
            case .parked(.waitGroup): .waitGroup
            case .sleep: .sleep
            case .offload: .offload
            }
            return (identity, copied, waitingSince)
        }
    }
}

/// Who a goroutine is, as its record holds it while the goroutine lives.
struct GoroutineIdentity {
    let id: UInt64              // Go's goroutine id: 1 for the main goroutine, then counting up
    let parentID: UInt64        // the goroutine that started it; 0 when started elsewhere
    let file: String            // where `go` was called (#fileID)
    let line: Int
    let function: String
    let scope: LeakScope?       // the innermost leak check it was started inside
    let isMain: Bool            // the main goroutine of `runMain`
    let startedAt: UInt64       // coarse monotonic nanoseconds
}

/// What a goroutine is doing, as the goroutine records it. A park's site is kept beside it,
/// unretained, so that parking does not touch the channel's reference count (a cache line the
/// goroutine on the other end of the channel is using too): the parked operation's frame holds
/// the site until the goroutine records that it runs again.
enum StoredWait {
    case none
    case parked(ParkReason)   // in `park`, on the record's `parkSite`
    case sleep
    case offload
}

/// What a goroutine is parked on (Go's `waitReason`), as the dump sees it: channels retained.
enum GoroutineWait {
    case none                          // running or runnable
    case send(AnyObject)               // a send on this channel storage
    case receive(AnyObject)            // a receive on this channel storage
    case select(SelectWaiter)          // a select's waiter, with its cases
    case selectWithoutCases            // `select {}`: waits until cancelled
    case waitGroup                     // `WaitGroup.wait()`
    case sleep                         // `sleep(for:)`
    case offload                       // a blocking call run by `offload`
}

/// A running goroutine's hold on its record, kept in the task-local `TaskContext` of its task:
/// plain values, so that finding the running goroutine touches no reference count.
///
/// Task-local values are inherited by child tasks (`async let`, task groups) and copied into
/// unstructured `Task`s, which then show in the dump as part of the goroutine. An unstructured
/// `Task` may outlive its goroutine, whose record may by then belong to another: the handle's
/// `generation` keeps such a task from writing over the new owner's waits. The deadlock
/// detector must count the goroutine's own task alone (two children parked would otherwise
/// count one goroutine as blocked twice, and could make a running program look deadlocked), so
/// a counted handle also carries its task's identity, `owner`, which `Goroutine.running` checks.
@usableFromInline
struct GoroutineHandle: Sendable {
    let record: Unmanaged<GoroutineRecord>   // never freed: the registry keeps every record
    let generation: UInt64             // the record's generation for this goroutine
    let id: UInt64
    @usableFromInline var countsForDeadlock: Bool   // counted by the deadlock detector
    var owner = 0                      // `currentTaskIdentity()` of the goroutine's own task

    /// The handle as the goroutine's own task binds it: it learns its owner.
    func boundToCurrentTask() -> GoroutineHandle {
        var bound = self
        bound.owner = currentTaskIdentity()
        return bound
    }

    /// Runs `body` with the goroutine's cancellation hook installed: one handler for the whole
    /// life of the goroutine's task, which cancels whatever park the goroutine has published,
    /// in place of a handler per park.
    nonisolated(nonsending) func withCancellationHook<R>(_ body: nonisolated(nonsending) () async -> R) async -> R {
        await withTaskCancellationHandler(operation: body, onCancel: {
            record.takeUnretainedValue().cancelPublishedPark(generation: generation)
        }, isolation: #isolation)
    }

    /// Registers a goroutine being started by the running task, from that task, so that the
    /// goroutine is seen (by the dump, its leak scope and the deadlock detector) from the moment
    /// `go` returns: takes a free record for it and counts it. Returns its handle, and the leak
    /// scope it joins; nil if the registry is off.
    static func register(
        file: String, line: Int, function: String, isMain: Bool = false
    ) -> (handle: GoroutineHandle, scope: LeakScope?)? {
        guard GoroutineRegistry.isEnabled else { return nil }
        _ = QuitSignal.installFromEnvironment
        let context = TaskContext.current   // one task-local lookup for the parent and the scope
        let registry = GoroutineRegistry.shared
        let id = registry.nextID()
        let record = registry.obtainRecord()
        let generation = record.assign(
            id: id, parentID: context.goroutine?.id ?? 0, file: file, line: line, function: function,
            scope: context.scope, isMain: isMain
        )
        context.scope?.goroutineStarted()
        let countsForDeadlock = DeadlockDetector.isEnabled.load(ordering: .relaxed)
        if countsForDeadlock { DeadlockDetector.goroutineStarted() }
        let handle = GoroutineHandle(
            record: Unmanaged.passUnretained(record), generation: generation, id: id, countsForDeadlock: countsForDeadlock
        )
        return (handle, context.scope)
    }

    /// Ends the goroutine's life: its record is freed for reuse, and it leaves its leak scope
    /// and the deadlock detector's count.
    func finish(scope: LeakScope?) {
        let record = record.takeUnretainedValue()
        record.release()
        GoroutineRegistry.shared.recycle(record)
        scope?.goroutineEnded()
        if countsForDeadlock { DeadlockDetector.goroutineEnded() }
    }

    /// Counts the goroutine as blocked for the deadlock detector, if it is counted: call it
    /// under the lock that makes its park visible to wakers, once it is sure to park, since a
    /// waker takes it off the count. Returns true when every counted goroutine is now blocked:
    /// the caller then records its wait and calls `confirmSuspectedDeadlock()` once it holds no
    /// lock.
    @usableFromInline
    func countBlocked() -> Bool {
        countsForDeadlock && DeadlockDetector.goroutineBlocked()
    }

    /// Records what the goroutine waits for, for the dump, when it is not a park: a sleep or
    /// an offloaded call, never counted as blocked, since something outside the channels will
    /// end them. The wait stays recorded until the goroutine records that it runs again.
    func willWait(_ wait: StoredWait) {
        record._withUnsafeGuaranteedRef { $0.willWait(wait, generation: generation) }
    }

    /// Publishes a park: see `park`.
    @usableFromInline
    func willPark(on site: some ParkSite, for reason: ParkReason, id: WaiterID) {
        record._withUnsafeGuaranteedRef { $0.willPark(on: site, for: reason, id: id, generation: generation) }
    }

    /// The goroutine as the dump shows it; nil if its record has since passed to another.
    var info: GoroutineInfo? {
        guard let snapshot = record._withUnsafeGuaranteedRef({ $0.snapshot() }),
              snapshot.identity.id == id else { return nil }
        return GoroutineInfo(snapshot)
    }

    /// The goroutine runs again. (Its waker has already taken it off the blocked count.)
    @usableFromInline
    func resumed() {
        record._withUnsafeGuaranteedRef { $0.resumed(generation: generation) }
    }
}

extension GoroutineRecord {
    /// The running goroutine, if the running task is the own task of one started with `go` or
    /// `runMain`. A task that inherited a goroutine's context (a child task, an unstructured
    /// `Task`) is not that goroutine: it publishes no wait in the record, where it would hide the
    /// goroutine's own from the dump and from the goroutine's cancellation hook, and it is not
    /// counted by the deadlock detector.
    @usableFromInline
    static var running: GoroutineHandle? {
        guard let handle = TaskContext.current.goroutine, handle.owner == currentTaskIdentity() else { return nil }
        return handle
    }
}

/// A number that tells the running task from every other live task: its hash, which hashes
/// the task's address, so two live tasks share it only by a 64-bit hash collision.
func currentTaskIdentity() -> Int {
    withUnsafeCurrentTask { $0?.hashValue ?? 0 }
}

// The entry points of the channel operations' parking paths, which are `@inlinable`.
extension GoroutineHandle {
    /// The bits a parked waiter's id carries for this goroutine: the counted flag when the
    /// deadlock detector counts it.
    @usableFromInline
    var waiterFlag: WaiterID { countsForDeadlock ? countedWaiterFlag : 0 }

}

/// See `GoroutineHandle.countBlocked()`.
@usableFromInline
func confirmSuspectedDeadlock() {
    DeadlockDetector.confirm()
}

/// What the registry keeps per task, in one task-local value so that starting a goroutine
/// looks it up once: the goroutine the task belongs to, and the leak check it runs inside.
struct TaskContext: Sendable {
    @TaskLocal static var current = TaskContext(goroutine: nil, scope: nil)

    var goroutine: GoroutineHandle?   // the goroutine the task is (or descends from); nil for other tasks
    var scope: LeakScope?             // the innermost leak check; goroutines started here join it
}

/// Runs `body` under `handle`'s cancellation hook, or plainly without a handle (the registry
/// is off).
nonisolated(nonsending) func withCancellationHook<R>(
    _ handle: GoroutineHandle?, _ body: nonisolated(nonsending) () async -> R
) async -> R {
    guard let handle else { return await body() }
    return await handle.withCancellationHook(body)
}
