#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The scheduler that runs goroutines, modelled on Go's: one worker thread per processor, each
/// with its own run queue and a run-next slot, work stealing between workers, and workers that
/// sleep when there is nothing to do.
///
/// `go { }` starts goroutines on `GoroutineExecutor.shared`, and everything a goroutine runs that
/// is not isolated to an actor stays on it (child tasks of task groups and `async let` inherit
/// the preference). A channel operation that wakes a goroutine puts it in the waking worker's
/// run-next slot, so a hand-off between two goroutines costs no thread switch.
///
/// To opt out, set `SWIFT_CHANNELS_EXECUTOR=global` in the environment (goroutines then run on
/// Swift's global concurrent executor), or start work with `go(executor: nil) { }`.
///
/// Go: the runtime scheduler (Ms, Ps and Gs; `runnext`; `GOMAXPROCS`).
public final class GoroutineExecutor: TaskExecutor, Sendable {
    /// The process-wide goroutine scheduler, with one worker per available processor.
    public static let shared = GoroutineExecutor(workerCount: availableProcessorCount(), name: "goroutines")

    /// The executor `go { }` uses by default: `shared`, unless the environment variable
    /// `SWIFT_CHANNELS_EXECUTOR` is `global`, which selects Swift's global concurrent executor.
    public static let preferred: (any TaskExecutor)? = {
        if let choice = getenv("SWIFT_CHANNELS_EXECUTOR"), String(cString: choice) == "global" { return nil }
        return shared
    }()

    let workers: [Worker]
    let injected = RunQueue()  // jobs enqueued from threads that are not this executor's workers
    let idle = IdleWorkers()
    let monitor = HandoffMonitor()  // hands a worker blocked in a call to a spare thread
    let spares = SpareThreads()     // threads that lost their worker that way, waiting for one

    static let currentWorker = ThreadLocalReference<Worker>()

    /// Makes an executor with its own `workerCount` threads. Most programs use `shared`.
    public init(workerCount: Int, name: String = "goroutines") {
        precondition(workerCount > 0, "a goroutine executor needs at least one worker")
        workers = (0..<workerCount).map { Worker(index: $0) }
        for worker in workers {
            worker.executorIdentity = ObjectIdentifier(self)
            worker.executor = self
            startThread(name: "\(name)-\(worker.index)") { [self] in runThread(startingWith: worker) }
        }
    }

    /// The number of worker threads. Go: `runtime.GOMAXPROCS(0)`.
    public var workerCount: Int { workers.count }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if let worker = Self.currentWorker.value, worker.executorIdentity == ObjectIdentifier(self) {
            // Readied by a goroutine on this worker: run it next here (Go's runqput(next: true)).
            _ = worker.queue.pushNext(job)
        } else {
            injected.pushBack(job)
        }
        // Let an idle worker look for work: it steals queued jobs, or a run-next job whose owner
        // stays busy. One spinning worker at a time is enough.
        idle.wakeOneUnlessSpinning()
    }

    // MARK: the worker loop

    /// How many consecutive run-next jobs a worker takes before it serves its queue.
    private static let runNextLimit = 64
    /// How often (in jobs) a worker serves the injection queue first, so it is never starved.
    private static let injectedInterval = 61
    /// Rounds a worker looks for work to steal before it sleeps.
    private static let spinRounds = 64
    /// Rounds a run-next job must sit unchanged before another worker takes it.
    private static let staleRunNextRounds = 8

    /// A thread's life: it runs a worker until a blocking call costs it the worker (see
    /// `runBlocking`), then waits as a spare until it is given one again.
    func runThread(startingWith first: Worker?) {
        var next = first ?? spares.pickUp()
        while true {
            let worker = next ?? spares.waitForWorker()
            next = nil
            worker.blockingSince.store(0, ordering: .releasing)  // no longer handed off: it runs here now
            run(worker)
        }
    }

    /// Runs `worker`'s loop on the calling thread until the thread loses the worker.
    private func run(_ worker: Worker) {
        Self.currentWorker.value = worker
        if let clock = ThreadCPUClock.ofCallingThread() { worker.threadClock.store(clock, ordering: .releasing) }
        let me = asUnownedTaskExecutor()
        var runNextStreak = 0
        var ticks = 0
        while true {
            ticks &+= 1
            if let job = nextJob(for: worker, runNextStreak: &runNextStreak, ticks: ticks) {
                job.runSynchronously(on: me)
                if Self.currentWorker.value !== worker { return }  // handed off during the job
                continue
            }
            if let job = spinForWork(worker) {
                runNextStreak = 0
                job.runSynchronously(on: me)
                if Self.currentWorker.value !== worker { return }
                continue
            }
            idle.sleep(unless: { hasStealableWork() })
        }
    }

    private func nextJob(for worker: Worker, runNextStreak: inout Int, ticks: Int) -> UnownedJob? {
        if ticks % Self.injectedInterval == 0, let (job, _) = injected.popOwn(preferRunNext: false) {
            return job
        }
        if let (job, fromRunNext) = worker.queue.popOwn(preferRunNext: runNextStreak < Self.runNextLimit) {
            runNextStreak = fromRunNext ? runNextStreak + 1 : 0
            return job
        }
        runNextStreak = 0
        return injected.popOwn(preferRunNext: false)?.job
    }

    /// Looks for work elsewhere for a while: the injection queue, half of another worker's
    /// queue, or a run-next job its owner has left waiting.
    private func spinForWork(_ worker: Worker) -> UnownedJob? {
        idle.spinningCount.add(1, ordering: .sequentiallyConsistent)
        var seen = [(stamp: UInt64, round: Int)?](repeating: nil, count: workers.count)
        for round in 0..<Self.spinRounds {
            if let job = stealOnce(worker, round: round, seen: &seen) {
                idle.spinningCount.subtract(1, ordering: .sequentiallyConsistent)
                return job
            }
            sched_yield()
        }
        // About to sleep. Announce it before no longer counting as spinning: a job readied from
        // now on wakes this worker. A run-next job readied while it still counted as spinning
        // (so nobody was woken for it) is caught by the last look below: its owner either runs
        // it soon, or it goes stale and is taken here.
        idle.announceSleep()
        idle.spinningCount.subtract(1, ordering: .sequentiallyConsistent)
        seen = [(stamp: UInt64, round: Int)?](repeating: nil, count: workers.count)
        var round = 0
        repeat {
            if let job = stealOnce(worker, round: round, seen: &seen) {
                idle.cancelSleep()
                return job
            }
            sched_yield()
            round += 1
        } while round <= Self.staleRunNextRounds && seen.contains(where: { $0 != nil })
        return nil
    }

    /// One look at every other worker: the injection queue, half of a queue, or a run-next job
    /// that has sat unchanged for `staleRunNextRounds` looks.
    private func stealOnce(_ worker: Worker, round: Int, seen: inout [(stamp: UInt64, round: Int)?]) -> UnownedJob? {
        if let job = injected.popOwn(preferRunNext: false)?.job { return job }
        for offset in 1..<max(workers.count, 1) {
            let victim = workers[(worker.index + offset) % workers.count]
            if let job = victim.queue.stealHalf(into: worker.queue) { return job }
            guard let stamp = victim.queue.runNextObservation else {
                seen[victim.index] = nil
                continue
            }
            if let previous = seen[victim.index], previous.stamp == stamp {
                if round - previous.round >= Self.staleRunNextRounds,
                   let job = victim.queue.stealStaleRunNext(seen: stamp) {
                    return job
                }
            } else {
                seen[victim.index] = (stamp, round)
            }
        }
        return nil
    }

    private func hasStealableWork() -> Bool {
        !injected.isEmpty || workers.contains { $0.queue.hasStealableJobs }
    }
}

/// One worker thread's identity and run queue.
final class Worker: @unchecked Sendable {
    // Invariant: `executorIdentity` and `executor` are set once, before the worker's thread
    // starts, and never changed; the executor outlives its workers (its threads hold it).
    // `freeRecords` is touched only by the thread running the worker (`currentWorker`).
    let index: Int
    let queue = RunQueue()
    var executorIdentity: ObjectIdentifier?  // the executor this worker serves
    unowned(unsafe) var executor: GoroutineExecutor?
    var freeRecords = FreeList()             // the goroutine registry's records for reuse here
    /// When the thread running the worker entered a blocking call (monotonic nanoseconds); 0
    /// when it is in none; `handedOff` once the monitor gave the worker to another thread.
    let blockingSince = Atomic<UInt64>(0)
    /// The processor-time clock of the thread running the worker, for the hand-off monitor.
    let threadClock = Atomic<ThreadCPUClock>(.unpublished)

    init(index: Int) { self.index = index }
}
