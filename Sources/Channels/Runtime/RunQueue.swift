import DequeModule

/// One worker's jobs: a FIFO queue plus Go's `runnext` slot.
///
/// A job enqueued by the worker's own thread (a task that a channel operation just woke, or a
/// goroutine just started) goes into `runnext` and runs next, so a hand-off between two
/// goroutines stays on one warm thread, as in Go. The job it displaces moves to the tail of the
/// queue. Other workers steal from the head of the queue; they take `runnext` only when it has
/// sat there unchanged while its owner was busy (see `stealStaleRunNext`).
final class RunQueue: @unchecked Sendable {
    // Invariant: `queue`, `runNext` and `runNextStamp` are accessed only while `lock` is held.
    private let lock = PthreadLock()
    private var queue = Deque<UnownedJob>()   // runnable jobs, oldest first
    private var runNext: UnownedJob?          // the job to run next, if any
    private var runNextStamp: UInt64 = 0      // bumped whenever `runNext` gets a new job

    deinit { lock.deinitialize() }

    /// Puts `job` in the run-next slot. Returns true if that displaced a job into the queue,
    /// i.e. there is now work another worker could steal.
    func pushNext(_ job: UnownedJob) -> Bool {
        lock.withLock {
            runNextStamp &+= 1
            guard let displaced = runNext else {
                runNext = job
                return false
            }
            queue.append(displaced)
            runNext = job
            return true
        }
    }

    func pushBack(_ job: UnownedJob) {
        lock.withLock { queue.append(job) }
    }

    /// The owner's next job and whether it came from `runnext`. `runnext` goes first unless
    /// `preferRunNext` is false (the caller's fairness rule: a task that keeps yielding must not
    /// starve the queue); then the queue.
    func popOwn(preferRunNext: Bool) -> (job: UnownedJob, fromRunNext: Bool)? {
        lock.withLock {
            if preferRunNext, let job = runNext {
                runNext = nil
                return (job, true)
            }
            if let job = queue.popFirst() { return (job, false) }
            guard let job = runNext else { return nil }
            runNext = nil
            return (job, true)
        }
    }

    /// Moves up to half of this queue (at least one job, at most `stealLimit`) to `thief`;
    /// returns one to run now. The jobs pass through a stack buffer: the two queues are never
    /// locked together (two workers stealing from each other would deadlock), and a steal
    /// allocates nothing.
    func stealHalf(into thief: RunQueue) -> UnownedJob? {
        withUnsafeTemporaryAllocation(of: UnownedJob.self, capacity: Self.stealLimit) { buffer in
            let count: Int = lock.withLock {
                let count = min((queue.count + 1) / 2, Self.stealLimit)
                for index in 0..<count { buffer.initializeElement(at: index, to: queue.removeFirst()) }
                return count
            }
            guard count > 0 else { return nil }
            if count > 1 {
                thief.lock.withLock {
                    for index in 1..<count { thief.queue.append(buffer.moveElement(from: index)) }
                }
            }
            return buffer.moveElement(from: 0)
        }
    }

    /// The most jobs one steal moves.
    static let stealLimit = 128

    /// The stamp of the current run-next job, or nil if the slot is empty.
    var runNextObservation: UInt64? {
        lock.withLock { runNext == nil ? nil : runNextStamp }
    }

    /// Takes the run-next job if it is still the one seen as `stamp`: its owner has been busy
    /// with another job the whole time, so waiting for it would starve the job.
    func stealStaleRunNext(seen stamp: UInt64) -> UnownedJob? {
        lock.withLock {
            guard runNextStamp == stamp, let job = runNext else { return nil }
            runNext = nil
            return job
        }
    }

    var isEmpty: Bool {
        lock.withLock { queue.isEmpty && runNext == nil }
    }

    var hasStealableJobs: Bool {
        lock.withLock { !queue.isEmpty }
    }
}
