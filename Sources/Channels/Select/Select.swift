#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits until one of several channel operations can proceed, performs exactly that one, and
/// returns the result of its handler. Go: the `select` statement.
///
/// ```swift
/// let r = try await select {
///     receive(from: results) { v in "got \(v!)" }     // case v := <-results:
///     send(job, to: jobs) { "sent" }                   // case jobs <- job:
///     receive(from: timeout) { _ in "timed out" }      // case <-timeout:
/// }
/// ```
///
/// - If several cases are ready, one is chosen uniformly at random; only that case's operation
///   happens (a send case that is not chosen sends nothing).
/// - With an `otherwise` case, the select never waits: it runs `otherwise` if no case is ready.
/// - Without one, it waits. A case on an absent (nil) channel never becomes ready, and a select
///   with no enabled case waits until its task is cancelled, like Go's `select {}`.
/// - If the task is cancelled while waiting, no case happens and `CancellationError` is thrown.
///   Errors thrown by the chosen handler propagate.
/// - Handlers run in the caller's isolation, after the channel operation has completed.
@inlinable @discardableResult
nonisolated(nonsending) public func select<Result>(
    @SelectBuilder<Result> _ cases: () throws -> [SelectCase<Result>]
) async throws -> Result {
    try await runSelect(cases())
}

/// Go's `select {}`: an empty block, which waits until the task is cancelled. Its cases give
/// `select(_:)` no result type to infer, so this form supplies `Void`. Disfavoured, it is picked
/// only where `select(_:)` cannot be: a handler whose single expression has a value would
/// otherwise make a `Void` select of it, discarding that value.
@inlinable @_disfavoredOverload
nonisolated(nonsending) public func select(
    @SelectBuilder<Void> _ cases: () throws -> [SelectCase<Void>]
) async throws {
    try await runSelect(cases())
}

/// A select over a list of cases built at run time: the same semantics as `select { … }`.
/// Go: `reflect.Select`.
@inlinable @discardableResult
nonisolated(nonsending) public func select<Result>(
    cases: [SelectCase<Result>]
) async throws -> Result {
    try await runSelect(cases)
}

/// The select runtime, in Go's passes: order the cases, (1) commit a ready case, or (2) park on
/// every channel and wait, then (3) leave the channels that did not win.
///
/// It works on the cases as given, by index, with one small buffer for its orders: no other
/// per-select array.
@inlinable
nonisolated(nonsending) func runSelect<Result>(_ cases: [SelectCase<Result>]) async throws -> Result {
    var fallback: (nonisolated(nonsending) () async throws -> Result)?
    var channelCases = 0
    for selectCase in cases {
        switch selectCase.kind {
        case .channel:
            channelCases += 1
        case .otherwise(let handler):
            if fallback != nil { fatalError("select has more than one otherwise case") }
            fallback = handler
        case .disabled:
            continue
        }
    }

    // One channel case and an `otherwise`: Go compiles this to a non-blocking send or receive
    // (selectnbsend, selectnbrecv); here it needs no order, just the one channel's lock.
    if channelCases == 1, let fallback {
        let operation = cases.operation(cases.firstIndex { if case .channel = $0.kind { true } else { false } }!)
        operation.lockChannel()
        if let result = try await operation.commitIfReady(unlockingWith: operation.unlockChannel) {
            return result
        }
        operation.unlockChannel()
        return try await fallback()
    }

    // Pass 0: a random poll order for fairness, and a global lock order (by channel identity,
    // each channel once) so that two selects never deadlock on each other's locks.
    let order = SelectOrder(cases, channelCases: channelCases)

    // A goroutine's own task parks straight from pass 1, still holding the locks, as Go's
    // selectgo does: no case can become ready in between. Any other task parks inside a
    // cancellation handler, whose operation may run on another executor than this one; it
    // must not carry locks there (a lock held across a hop could meet its own holder's next
    // job), so it drops them after pass 1 and looks again, under them, before it parks.
    let parksHoldingLocks = GoroutineRecord.running != nil
    while true {
        // Pass 1: look for a case that can complete now; the one that does releases the locks.
        order.lockAll(cases)
        for position in 0..<order.count {
            let operation = cases.operation(order.poll(position))
            if let result = try await operation.commitIfReady(unlockingWith: { order.unlockAll(cases) }) {
                return result
            }
        }
        if let fallback {
            order.unlockAll(cases)
            return try await fallback()
        }
        if !parksHoldingLocks { order.unlockAll(cases) }
        // Passes 2 and 3; nil when a case became ready before the select could park.
        if let result = try await parkSelect(cases, order: order, holdingLocks: parksHoldingLocks) {
            return result
        }
    }
}

/// Passes 2 and 3: enqueue a waiter on every channel, sleep until one channel (or cancellation)
/// wins the select's once-flag, then dequeue from all the others. With `holdingLocks`, pass 1
/// still holds every channel lock and found no case ready under them. Without, it has dropped
/// them: the park takes them again and, if a case has become ready meanwhile, returns nil
/// without waiting, and the select runs pass 1 again.
@inlinable
nonisolated(nonsending) func parkSelect<Result>(
    _ cases: [SelectCase<Result>],
    order: SelectOrder,
    holdingLocks: Bool
) async throws -> Result? {
    let select = SelectWaiter()
    if order.count > 0 { select.waitedCases = cases }   // for the dump, before the park is published
    let wake = await park(
        on: select, for: .select, cancelled: SelectWake.cancelled,
        lock: { if !holdingLocks { order.lockAll(cases) } },
        unlock: { order.unlockAll(cases) },
        completeNow: { () -> Void? in
            // Readiness only: a case commits in pass 1, which keeps what it takes in one call's
            // frame. Under pass 1's own hold of the locks there is nothing new to find.
            guard !holdingLocks else { return nil }
            for position in 0..<order.count where cases.operation(order.poll(position)).isReadyLocked() {
                return ()
            }
            return nil
        },
        finish: { SelectWake.retry },
        enqueue: { continuation, id in
            select.id = id   // before any channel holds one of its waiters
            for position in 0..<order.count {
                let index = order.park(position)
                cases.operation(index).parkLocked(select, caseIndex: index)
            }
            if select.arm(continuation) { return nil }
            // Cancelled while enqueueing: undo and do not wait.
            for position in 0..<order.count { cases.operation(order.park(position)).removeLocked(select.id) }
            return .cancelled
        }
    )

    if case .retry = wake { return nil }
    // Pass 3: the winning event took its case's waiter; take every other case's off its
    // channel (all of them after cancellation). One waiter per case, found by a scan that stops
    // at it.
    let winner: Int? = switch wake {
    case .chosen(let index), .chosenOnClosed(let index): index
    case .cancelled, .retry: nil
    }
    for position in 0..<order.count {
        let index = order.park(position)
        guard index != winner else { continue }
        let operation = cases.operation(index)
        operation.lockChannel()
        operation.removeLocked(select.id)
        operation.unlockChannel()
    }
    switch wake {
    case .chosen(let index):
        return try await cases.operation(index).finishParked(select, closed: false)
    case .chosenOnClosed(let index):
        return try await cases.operation(index).finishParked(select, closed: true)
    case .cancelled:
        throw CancellationError()
    case .retry:
        preconditionFailure("handled before pass 3")
    }
}

extension Array {
    /// The place of case `index`'s channel in the global lock order: its lock's address.
    @inlinable
    func channelOrder<Result>(_ index: Int) -> UnsafeMutablePointer<pthread_mutex_t> where Element == SelectCase<Result> {
        self[index].channelLock.unsafelyUnwrapped.mutex
    }

    /// The channel operation of case `index`, which the select's orders list only for channel cases.
    @inlinable
    func operation<Result>(_ index: Int) -> SelectOperation<Result> where Element == SelectCase<Result> {
        guard case .channel(let operation) = self[index].kind else {
            preconditionFailure("select orders list channel cases only")
        }
        return operation
    }
}

/// The order in which a select polls its channel cases (a fresh random permutation), parks on
/// them, and locks their channels: three runs of case indices, packed into machine words for up
/// to eight cases (no allocation), in arrays beyond that.
@usableFromInline
struct SelectOrder {
    @usableFromInline var polls: CaseIndices   // every channel case, shuffled
    @usableFromInline var parks: CaseIndices   // every channel case, by channel; ties in poll order
    @usableFromInline var locks: CaseIndices   // the first case of each distinct channel, by channel
    @usableFromInline let count: Int           // channel cases
    @usableFromInline var lockCount: Int       // distinct channels

    @inlinable func poll(_ position: Int) -> Int { polls[position] }
    @inlinable func park(_ position: Int) -> Int { parks[position] }
    @inlinable func lock(_ position: Int) -> Int { locks[position] }

    @inlinable
    init<Result>(_ cases: [SelectCase<Result>], channelCases: Int) {
        count = channelCases
        lockCount = 0
        polls = CaseIndices(count: channelCases, largestIndex: cases.count - 1)
        parks = CaseIndices(count: channelCases, largestIndex: cases.count - 1)
        locks = CaseIndices(count: channelCases, largestIndex: cases.count - 1)
        guard channelCases > 0 else { return }
        var filled = 0
        for (index, selectCase) in cases.enumerated() {
            if case .channel = selectCase.kind {
                polls[filled] = index
                filled += 1
            }
        }
        // Fisher–Yates: every permutation equally likely, so every ready case is equally likely
        // to be found first.
        var i = count - 1
        while i > 0 {
            let j = FastRandom.next(below: i + 1)
            let swapped = polls[i]
            polls[i] = polls[j]
            polls[j] = swapped
            i -= 1
        }
        // Park order: by channel identity, ties in poll order (a stable insertion sort of the
        // poll order), so that a receiver arriving later meets a random one of several cases on
        // the same channel, not always the first written (Go derives its lock order from the
        // poll order for the same reason).
        for position in 0..<count {
            let index = polls[position]
            let identity = cases.channelOrder(index)
            var slot = position
            while slot > 0 && cases.channelOrder(parks[slot - 1]) > identity {
                parks[slot] = parks[slot - 1]
                slot -= 1
            }
            parks[slot] = index
        }
        // Lock order: the first case of each distinct channel, in park order.
        var previous: UnsafeMutablePointer<pthread_mutex_t>?
        for position in 0..<count {
            let index = parks[position]
            let identity = cases.channelOrder(index)
            if identity != previous {
                locks[lockCount] = index
                lockCount += 1
                previous = identity
            }
        }
    }

    @inlinable
    func lockAll<Result>(_ cases: [SelectCase<Result>]) {
        for position in 0..<lockCount { cases[lock(position)].channelLock.unsafelyUnwrapped.lock() }
    }

    @inlinable
    func unlockAll<Result>(_ cases: [SelectCase<Result>]) {
        var position = lockCount - 1
        while position >= 0 {
            cases[lock(position)].channelLock.unsafelyUnwrapped.unlock()
            position -= 1
        }
    }
}

/// Up to eight case indices below 256 packed in one word, or an array for more (or larger).
@usableFromInline
struct CaseIndices {
    @usableFromInline var packed: UInt64 = 0
    @usableFromInline var spilled: [Int]?

    @inlinable
    init(count: Int, largestIndex: Int) {
        if count > 8 || largestIndex > 0xff { spilled = [Int](repeating: 0, count: count) }
    }

    @inlinable
    subscript(position: Int) -> Int {
        get {
            if let spilled { return spilled[position] }
            return Int(truncatingIfNeeded: packed >> UInt64(8 * position)) & 0xff
        }
        set {
            if spilled != nil {
                spilled![position] = newValue
                return
            }
            let shift = UInt64(8 * position)
            packed = (packed & ~(0xff << shift)) | (UInt64(newValue) << shift)
        }
    }
}
