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
    @SelectBuilder _ cases: () throws -> [SelectCase<Result>]
) async throws -> Result {
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
@inlinable
nonisolated(nonsending) func runSelect<Result>(_ cases: [SelectCase<Result>]) async throws -> Result {
    var clauses: [SelectClause<Result>] = []
    clauses.reserveCapacity(cases.count)
    var fallback: (nonisolated(nonsending) () async throws -> Result)?
    for selectCase in cases {
        switch selectCase.kind {
        case .channel(let clause):
            clauses.append(clause)
        case .otherwise(let handler):
            if fallback != nil { fatalError("select has more than one otherwise case") }
            fallback = handler
        case .disabled:
            continue
        }
    }

    // Pass 0: a random poll order for fairness, and a global lock order (by channel identity,
    // each channel once) so that two selects never deadlock on each other's locks.
    let order = SelectOrder(clauses)

    // Pass 1: look for a case that can complete now.
    order.lockAll(clauses)
    for index in order.pollOrder {
        if let commit = clauses[index].commitIfReadyLocked() {
            order.unlockAll(clauses)
            return try await commit()
        }
    }
    order.unlockAll(clauses)
    if let fallback {
        return try await fallback()
    }
    return try await parkSelect(clauses, order: order)
}

/// Passes 2 and 3: enqueue a waiter on every channel, sleep until one channel (or cancellation)
/// wins the select's once-flag, then dequeue from all the others.
@inlinable
nonisolated(nonsending) func parkSelect<Result>(
    _ clauses: [SelectClause<Result>],
    order: SelectOrder
) async throws -> Result {
    let goroutine = Goroutine.running  // for the dump and the deadlock detector
    let select = SelectWaiter(id: nextWaiterID() | (goroutine?.waiterFlag ?? 0))
    var slots = [AnyObject?](repeating: nil, count: clauses.count)
    var readyOnRetry: (nonisolated(nonsending) () async throws -> Result)?

    let wake = await withTaskCancellationHandler(operation: {
        await withUnsafeContinuation(isolation: #isolation) { (continuation: UnsafeContinuation<SelectWake, Never>) in
            order.lockAll(clauses)
            // The locks were dropped after pass 1: look again before parking.
            for index in order.pollOrder {
                if let commit = clauses[index].commitIfReadyLocked() {
                    order.unlockAll(clauses)
                    readyOnRetry = commit
                    continuation.resume(returning: .chosen(index))
                    return
                }
            }
            if Task.isCancelled {
                order.unlockAll(clauses)
                continuation.resume(returning: .cancelled)
                return
            }
            for index in order.parkOrder {
                slots[index] = clauses[index].parkLocked(select, caseIndex: index)
            }
            if select.arm(continuation) {
                // No event can claim the select before the locks are released: record the wait
                // first, so that whoever wins it finds it counted.
                let allBlocked = goroutine?.willBlockSelecting(clauses) ?? false
                order.unlockAll(clauses)  // from here on, a channel event or cancel wins it
                if allBlocked { confirmSuspectedDeadlock() }
                return
            }
            // Cancelled while enqueueing: undo and do not wait.
            for index in order.parkOrder { clauses[index].removeLocked(select.id) }
            order.unlockAll(clauses)
            continuation.resume(returning: .cancelled)
        }
    }, onCancel: {
        select.cancel()
    }, isolation: #isolation)

    goroutine?.resumed()
    if let readyOnRetry {
        return try await readyOnRetry()
    }
    // Pass 3: the winning event took its case's waiter; take every other case's off its
    // channel (all of them after cancellation). One waiter per case, found by a scan that stops
    // at it.
    let winner: Int? = switch wake {
    case .chosen(let index), .chosenOnClosed(let index): index
    case .cancelled: nil
    }
    for index in order.parkOrder where index != winner {
        clauses[index].lockChannel()
        clauses[index].removeLocked(select.id)
        clauses[index].unlockChannel()
    }
    switch wake {
    case .chosen(let index):
        return try await clauses[index].finish(closed: false, slot: slots[index])
    case .chosenOnClosed(let index):
        return try await clauses[index].finish(closed: true, slot: slots[index])
    case .cancelled:
        throw CancellationError()
    }
}

/// The order in which a select polls its cases (a fresh random permutation), parks on them, and
/// locks its channels.
@usableFromInline
struct SelectOrder {
    @usableFromInline var pollOrder: [Int]  // clause indices, shuffled
    @usableFromInline var parkOrder: [Int]  // clause indices by channel; ties keep the poll order
    @usableFromInline var lockOrder: [Int]  // the first clause index of each distinct channel

    @inlinable
    init<Result>(_ clauses: [SelectClause<Result>]) {
        let count = clauses.count
        pollOrder = Array(0..<count)
        // Fisher–Yates: every permutation equally likely, so every ready case is equally likely
        // to be found first.
        var i = count - 1
        while i > 0 {
            let j = FastRandom.next(below: i + 1)
            pollOrder.swapAt(i, j)
            i -= 1
        }
        // Cases on the same channel park in poll order, so that a receiver arriving later meets
        // a random one of them, not always the first written (Go derives its lock order from
        // the poll order for the same reason).
        let identities = clauses.map { $0.channelIdentity }
        let poll = pollOrder
        let positions = (0..<count).sorted { (identities[poll[$0]], $0) < (identities[poll[$1]], $1) }
        parkOrder = positions.map { poll[$0] }
        lockOrder = []
        lockOrder.reserveCapacity(count)
        for index in parkOrder where lockOrder.last.map({ identities[$0] != identities[index] }) ?? true {
            lockOrder.append(index)
        }
    }

    @inlinable
    func lockAll<Result>(_ clauses: [SelectClause<Result>]) {
        for index in lockOrder { clauses[index].lockChannel() }
    }

    @inlinable
    func unlockAll<Result>(_ clauses: [SelectClause<Result>]) {
        for index in lockOrder.reversed() { clauses[index].unlockChannel() }
    }
}
