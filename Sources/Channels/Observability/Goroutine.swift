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
/// The goroutine itself writes `wait` when it parks and clears it when it resumes; the dump
/// reads it. Those two meet under `guardFlag`, a `SpinLock` held for a few instructions at a
/// time, so a park pays two uncontended atomic operations and no allocation.
@usableFromInline
final class Goroutine: @unchecked Sendable {
    // Invariant: `wait` and `waitingSince` are read and written only while `guardFlag` is held
    // (see `withGuard`); `next` and `previous` only under the lock of the registry shard that
    // holds this record; `body` by `go` before the task starts and then by that task alone.

    /// The goroutine the running task belongs to.
    static var current: Goroutine? { TaskContext.current.goroutine }

    let id: UInt64                   // Go's goroutine id: 1 for the main goroutine, then counting up
    let parentID: UInt64             // the goroutine that started it; 0 when started elsewhere
    let file: String                 // where `go` was called (#fileID)
    let line: Int
    let function: String
    let scope: LeakScope?            // the innermost leak check it was started inside
    let countsForDeadlock: Bool      // counted by the deadlock detector (enabled when started)
    let isMain: Bool                 // the main goroutine of `runMain`
    let startedAt: UInt64            // coarse monotonic nanoseconds

    private let guardFlag = SpinLock()
    private var wait = StoredWait.none       // what it is blocked on; `.none` while it runs
    private var waitingSince: UInt64 = 0     // when `wait` was set

    /// The body `go` started it with, until it starts running; touched only by `go` and then
    /// by the goroutine's own task.
    var body: (() async throws -> Void)?
    var next: Unmanaged<Goroutine>?          // registry shard list; see `GoroutineRegistry`
    var previous: Unmanaged<Goroutine>?

    init(id: UInt64, parentID: UInt64, file: String, line: Int, function: String, scope: LeakScope?, countsForDeadlock: Bool, isMain: Bool) {
        self.id = id
        self.parentID = parentID
        self.file = file
        self.line = line
        self.function = function
        self.scope = scope
        self.countsForDeadlock = countsForDeadlock
        self.isMain = isMain
        self.startedAt = coarseMonotonicNanoseconds()
    }

    private func withGuard<R>(_ body: () -> R) -> R {
        guardFlag.withLock(body)
    }

    /// Records that the goroutine is about to park on `wait`, where only a channel event (or a
    /// cancellation) can wake it. Call it before the waiter becomes visible to wakers. For a
    /// counted goroutine it also tells the deadlock detector, and returns true when every counted
    /// goroutine is now blocked: the caller then calls `confirmSuspectedDeadlock()` once it holds
    /// no lock.
    func willBlock(_ wait: StoredWait) -> Bool {
        let now = coarseMonotonicNanoseconds()
        withGuard {
            self.wait = wait
            self.waitingSince = now
        }
        return countsForDeadlock && DeadlockDetector.goroutineBlocked()
    }

    /// Records a wait that is not a channel operation (a sleep, an offloaded call): shown in the
    /// dump, never counted as blocked, since something outside the channels will end it.
    func willWait(_ wait: StoredWait) {
        let now = coarseMonotonicNanoseconds()
        withGuard {
            self.wait = wait
            self.waitingSince = now
        }
    }

    /// The goroutine runs again. (Its waker has already taken it off the blocked count.)
    @usableFromInline
    func resumed() {
        let finished = withGuard { () -> StoredWait in
            let finished = wait
            wait = .none
            return finished
        }
        _ = finished  // a select's case list is released here, outside the guard
    }

    /// What the goroutine waits for and since when, copied under the guard. The channel it
    /// waits on is retained here: until the goroutine takes the guard to record that it runs
    /// again, it is still inside the operation, whose frame holds the channel.
    func currentWait() -> (GoroutineWait, since: UInt64) {
        withGuard {
            let copied: GoroutineWait = switch wait {
            case .none: .none
            case .send(let channel): .send(channel.takeUnretainedValue())
            case .receive(let channel): .receive(channel.takeUnretainedValue())
            case .select(let cases): .select(cases)
            case .selectWithoutCases: .selectWithoutCases
            case .waitGroup: .waitGroup
            case .sleep: .sleep
            case .offload: .offload
            }
            return (copied, waitingSince)
        }
    }
}

/// What a goroutine is parked on (Go's `waitReason`), as the goroutine records it: the channel
/// unretained, so that parking does not touch the channel's reference count, a cache line the
/// goroutine on the other end of the channel is using too.
enum StoredWait {
    case none
    case send(Unmanaged<AnyObject>)
    case receive(Unmanaged<AnyObject>)
    case select(Any)
    case selectWithoutCases
    case waitGroup
    case sleep
    case offload
}

/// What a goroutine is parked on (Go's `waitReason`), as the dump sees it: channels retained.
enum GoroutineWait {
    case none                          // running or runnable
    case send(AnyObject)               // a send on this channel storage
    case receive(AnyObject)            // a receive on this channel storage
    case select(Any)                   // a select's cases (a `[SelectClause<Result>]`)
    case selectWithoutCases            // `select {}`: waits until cancelled
    case waitGroup                     // `WaitGroup.wait()`
    case sleep                         // `sleep(for:)`
    case offload                       // a blocking call on the offload pool
}

/// CLOCK_MONOTONIC_COARSE: a few nanoseconds to read, millisecond resolution, enough to say how
/// long a goroutine has waited.
func coarseMonotonicNanoseconds() -> UInt64 {
    #if os(Linux)
    monotonicNanoseconds(clock: CLOCK_MONOTONIC_COARSE)
    #else
    monotonicNanoseconds()
    #endif
}

extension Goroutine {
    /// Registers a goroutine being started by the running task, unless the registry is off.
    static func start(file: String, line: Int, function: String, isMain: Bool = false) -> Goroutine? {
        guard GoroutineRegistry.isEnabled else { return nil }
        _ = QuitSignal.installFromEnvironment
        let registry = GoroutineRegistry.shared
        let context = TaskContext.current   // one task-local lookup for both
        let parent = context.goroutine
        let scope = context.scope
        let goroutine = Goroutine(
            id: registry.nextID(), parentID: parent?.id ?? 0,
            file: file, line: line, function: function,
            scope: scope, countsForDeadlock: DeadlockDetector.isEnabled.load(ordering: .relaxed),
            isMain: isMain
        )
        scope?.goroutineStarted()
        if goroutine.countsForDeadlock { DeadlockDetector.goroutineStarted() }
        registry.insert(goroutine)
        return goroutine
    }

    /// Unregisters the goroutine as it ends.
    func finish() {
        GoroutineRegistry.shared.remove(self)
        scope?.goroutineEnded()
        if countsForDeadlock { DeadlockDetector.goroutineEnded() }
    }
}

// The entry points of the channel operations' parking paths, which are `@inlinable`.
extension Goroutine {
    /// The goroutine the running task belongs to, if it was started with `go` or `runMain`.
    @usableFromInline
    static var running: Goroutine? { current }

    /// The bits a parked waiter's id carries for this goroutine: the counted flag when the
    /// deadlock detector counts it.
    @usableFromInline
    var waiterFlag: WaiterID { countsForDeadlock ? countedWaiterFlag : 0 }

    @usableFromInline
    func willBlockSending(on channel: AnyObject) -> Bool { willBlock(.send(Unmanaged.passUnretained(channel))) }

    @usableFromInline
    func willBlockReceiving(from channel: AnyObject) -> Bool { willBlock(.receive(Unmanaged.passUnretained(channel))) }

    /// `cases` is the select's `[SelectCase<Result>]`; without a channel case it is `select {}`.
    @usableFromInline
    func willBlockSelecting(_ cases: some SelectCaseChannels, hasChannels: Bool) -> Bool {
        hasChannels ? willBlock(.select(cases)) : willBlock(.selectWithoutCases)
    }

    /// Undoes `willBlock` for a park that did not happen after all.
    @usableFromInline
    func didNotBlock() {
        if countsForDeadlock { DeadlockDetector.goroutineWoken() }
        resumed()
    }
}

/// See `Goroutine.willBlock(_:)`.
@usableFromInline
func confirmSuspectedDeadlock() {
    DeadlockDetector.confirm()
}

/// What the registry keeps per task, in one task-local value so that starting a goroutine
/// looks it up once: the goroutine the task belongs to, and the leak check it runs inside.
struct TaskContext: Sendable {
    @TaskLocal static var current = TaskContext(goroutine: nil, scope: nil)

    var goroutine: Goroutine?   // the goroutine the task is (or belongs to); nil for other tasks
    var scope: LeakScope?       // the innermost leak check; goroutines started here join it
}
