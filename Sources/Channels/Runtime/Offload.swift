/// Runs a blocking call (a `read`, a `readdir`, a C library call) without holding up the other
/// goroutines, and returns its result. Go needs no such call: its runtime does this for every
/// system call.
///
/// ```swift
/// let entries = try await offload { try readDirectory(path) }
/// ```
///
/// On a goroutine worker (the usual case: called from a goroutine), the call runs right there,
/// as Go runs a system call on the goroutine's own thread, so a call that returns quickly costs
/// no thread switch. Meanwhile the worker counts as blocked: if the call lasts long while other
/// goroutines wait to run (more than `GoroutineExecutor.handoffAfter`, 50 µs), a monitor hands
/// the worker's run queue to a spare thread, as Go's scheduler hands off the processor of a
/// thread blocked in a system call. The goroutine then resumes on a worker once the call returns.
///
/// Anywhere else (a task on Swift's global executor, an actor), the call runs on a pool of
/// threads outside both the goroutine workers and Swift's cooperative pool; the pool grows by one
/// thread whenever every thread is busy, up to `BlockingPool.maximumThreadCount`.
///
/// Cancelling the waiting task does not interrupt `work`: a blocking call cannot be stopped from
/// outside, so the task waits for it to finish.
public func offload<Value: Sendable, Failure: Error>(
    _ work: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let goroutine = GoroutineRecord.running
    goroutine?.willWait(.offload)  // shown in the dump as Go shows a goroutine in a system call
    // A running call may still wake a goroutine (a thread sending on a channel, say): the deadlock
    // detector waits for it. The call's own goroutine is not counted as blocked meanwhile.
    DeadlockDetector.activityBegan()
    let result: Result<Value, Failure>
    if let worker = GoroutineExecutor.currentWorker.value, let executor = worker.executor {
        let (value, lostWorker) = executor.runBlocking(on: worker) { Result { () throws(Failure) -> Value in try work() } }
        DeadlockDetector.activityEnded()
        if lostWorker {
            // The worker runs on another thread now: suspend, so that the goroutine resumes on a
            // worker and this thread can stand by as a spare.
            await Task.yield()
        }
        result = value
    } else {
        result = await withUnsafeContinuation { (continuation: UnsafeContinuation<Result<Value, Failure>, Never>) in
            BlockingPool.shared.submit {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try work() })
                DeadlockDetector.activityEnded()
            }
        }
    }
    goroutine?.resumed()
    return try result.get()
}

/// The threads behind `offload(_:)`.
public final class BlockingPool: Sendable {
    /// The most threads the pool starts; further calls queue until a thread is free.
    public static let maximumThreadCount = 512

    static let shared = BlockingPool()

    private struct State {
        var jobs: [@Sendable () -> Void] = []  // submitted, not yet taken by a thread
        var idleThreads = 0                    // threads waiting for a job
        var threads = 0                        // threads started
    }

    private let state = Locked(State())
    private let jobAvailable = ThreadParker()  // one permit per job an idle thread should take

    /// The number of threads started so far.
    public var threadCount: Int { state.withLock { $0.threads } }

    func submit(_ job: @escaping @Sendable () -> Void) {
        let startThreadNow = state.withLock { state -> Bool in
            state.jobs.append(job)
            if state.idleThreads >= state.jobs.count { return false }
            guard state.threads < Self.maximumThreadCount else { return false }
            state.threads += 1
            return true
        }
        if startThreadNow {
            startThread(name: "blocking") { [self] in serve() }
        } else {
            jobAvailable.unpark()
        }
    }

    private func serve() {
        while true {
            let job = state.withLock { state -> (@Sendable () -> Void)? in
                if state.jobs.isEmpty {
                    state.idleThreads += 1
                    return nil
                }
                return state.jobs.removeFirst()
            }
            if let job {
                job()
                continue
            }
            jobAvailable.park()
            state.withLock { $0.idleThreads -= 1 }
        }
    }
}
