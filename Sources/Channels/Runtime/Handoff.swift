#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// Blocking calls on a worker, and the hand-off that keeps the other goroutines running while
// one blocks: Go's `entersyscall`/`exitsyscall`, `sysmon`'s `retake` and `handoffp`.
//
// `offload` called on a worker runs its call right there, as Go runs a system call on the
// goroutine's own thread, so that a short call (a directory read with a warm cache) costs no
// thread switch at all. The worker marks itself blocked meanwhile. A monitor thread looks at
// blocked workers every few tens of microseconds; one that has been blocked for longer than
// `handoffAfter` while goroutines wait to run, and is not using the processor meanwhile (a call
// that reads a warm cache runs in the kernel, and handing off its worker would only crowd the
// processors; such a call is handed off after `handoffRunningAfter`), is handed to a spare
// thread, which runs the
// worker's loop (its queue, its run-next slot) from then on. When the call returns on the old
// thread, that thread finds it has lost the worker: it gives up its job at the next suspension
// (the goroutine is queued to run on a worker again) and becomes a spare itself. So at most
// `workerCount` threads ever run goroutines, and a blocked call never holds up the others for
// more than about `handoffAfter` plus one monitor tick.

/// The value of `Worker.blockingSince` once the monitor has handed the worker to another thread.
let handedOff = UInt64.max

extension GoroutineExecutor {
    /// How long a worker may stay blocked in a call while goroutines wait, before the monitor
    /// hands its queue to another thread. Go's `sysmon` retakes after one or two 20 µs ticks.
    static let handoffAfter: UInt64 = 50_000

    /// How long a call that keeps its thread on the processor (computing, or in the kernel) may
    /// hold its worker while goroutines wait: past this, it is handed off all the same, so that
    /// no goroutine waits longer than this behind a long computation. Go's `sysmon` retakes any
    /// processor after 10 ms in a system call.
    static let handoffRunningAfter: UInt64 = 10_000_000

    /// Runs `call` in place on `worker`, the calling thread's worker, marked as blocked. Returns
    /// its result, and whether the worker was handed to another thread meanwhile: then the
    /// calling thread no longer counts as a worker, and the caller must suspend (see `offload`)
    /// so that its goroutine resumes on a worker.
    func runBlocking<Value>(on worker: Worker, _ call: () -> Value) -> (Value, lostWorker: Bool) {
        let since = max(1, monotonicNanoseconds())
        worker.blockingSince.store(since, ordering: .releasing)
        monitor.blockingBegan(on: self)
        let value = call()
        let kept = worker.blockingSince.compareExchange(
            expected: since, desired: 0, ordering: .acquiringAndReleasing
        ).exchanged
        if !kept { Self.currentWorker.value = nil }   // from here on this thread is not `worker`'s
        return (value, !kept)
    }

    /// Whether a worker blocked in a call should be handed to another thread: goroutines are
    /// queued on it, or queued elsewhere with no idle worker to take them.
    func shouldHandOff(_ worker: Worker) -> Bool {
        if !worker.queue.isEmpty { return true }
        guard idle.sleeperCount.load(ordering: .relaxed) == 0, idle.spinningCount.load(ordering: .relaxed) == 0 else {
            return false
        }
        return !injected.isEmpty || workers.contains { $0 !== worker && !$0.queue.isEmpty }
    }
}

/// The monitor thread behind the hand-off (Go's `sysmon`, for this one duty). It starts with the
/// first blocking call. While calls block it looks every `shortestNap`; when a look finds
/// nothing to do fifty times running, it naps twice as long, up to `longestNap`; after a long
/// while with no blocked worker at all it sleeps until the next blocking call wakes it.
final class HandoffMonitor: @unchecked Sendable {
    // Invariant: `started` and `asleep` are read and written only while `lock` is held; the
    // monitor thread alone runs `watch` and touches `sightings`.
    private let lock = PthreadLock()
    private let wakeUp = PthreadCondition()
    private var started = false
    private var asleep = false
    private let mayBeAsleep = Atomic<Bool>(true)   // a lock-free hint for `blockingBegan`

    static let shortestNap: UInt64 = 20_000
    static let longestNap: UInt64 = 10_000_000
    static let idleLooksBeforeSleep = 100   // at the longest nap: about a second

    init() {}

    deinit {
        wakeUp.deinitialize()
        lock.deinitialize()
    }

    /// A worker of `executor` has just marked itself blocked: make sure the monitor is watching.
    func blockingBegan(on executor: GoroutineExecutor) {
        guard mayBeAsleep.load(ordering: .relaxed) else { return }
        let startNow = lock.withLock { () -> Bool in
            if !started {
                started = true
                asleep = false
                mayBeAsleep.store(false, ordering: .relaxed)
                return true
            }
            if asleep {
                asleep = false
                mayBeAsleep.store(false, ordering: .relaxed)
                wakeUp.signal()
            }
            return false
        }
        if startNow {
            startThread(name: "goroutines-monitor") { [self] in watch(executor) }
        }
    }

    private func watch(_ executor: GoroutineExecutor) {
        var nap = Self.shortestNap
        var fruitlessLooks = 0
        var looksWithoutBlocking = 0
        while true {
            var request = timespec(tv_sec: Int(nap / 1_000_000_000), tv_nsec: Int(nap % 1_000_000_000))
            nanosleep(&request, nil)
            let (handedOver, sawBlocking) = look(executor)
            if handedOver {
                nap = Self.shortestNap
                fruitlessLooks = 0
            } else {
                fruitlessLooks += 1
                if fruitlessLooks >= 50 {
                    nap = min(nap * 2, Self.longestNap)
                    fruitlessLooks = 0
                }
            }
            looksWithoutBlocking = sawBlocking ? 0 : looksWithoutBlocking + 1
            if looksWithoutBlocking >= Self.idleLooksBeforeSleep && nap == Self.longestNap {
                sleepUntilBlocking(executor)
                nap = Self.shortestNap
                looksWithoutBlocking = 0
            }
        }
    }

    /// What the monitor saw of one worker's blocking call at its previous look.
    private struct Sighting {
        var since: UInt64 = 0     // the call's `blockingSince`
        var wall: UInt64 = 0      // when the monitor looked
        var cpu: UInt64 = 0       // the processor time the worker's thread had used by then
    }
    private var sightings: [Sighting] = []   // by worker index; the monitor thread's alone

    /// One look at every worker; hands over those blocked too long. Returns whether it handed
    /// any over, and whether any worker was blocked.
    private func look(_ executor: GoroutineExecutor) -> (handedOver: Bool, sawBlocking: Bool) {
        if sightings.count != executor.workers.count {
            sightings = Array(repeating: Sighting(), count: executor.workers.count)
        }
        let now = monotonicNanoseconds()
        var handedOver = false
        var sawBlocking = false
        for worker in executor.workers {
            let since = worker.blockingSince.load(ordering: .acquiring)
            guard since != 0, since != handedOff else { continue }
            sawBlocking = true
            // `since` may be later than `now`: the worker may have entered its call since.
            guard now > since, now - since >= GoroutineExecutor.handoffAfter, executor.shouldHandOff(worker) else { continue }
            guard isWaiting(worker, since: since, now: now) || now - since >= GoroutineExecutor.handoffRunningAfter else { continue }
            if worker.blockingSince.compareExchange(expected: since, desired: handedOff, ordering: .acquiringAndReleasing).exchanged {
                executor.spares.take(worker, for: executor)
                handedOver = true
            }
        }
        return (handedOver, sawBlocking)
    }

    /// Whether the thread running `worker`, in the call it entered at `since`, has been waiting
    /// (off the processor) rather than running since the monitor's previous look at that call:
    /// it used less than half the time that passed. The first look at a call only takes note.
    /// Where a thread's processor time cannot be read (see `ThreadCPUClock`), every call counts
    /// as waiting, and is handed off after `handoffAfter` like one.
    private func isWaiting(_ worker: Worker, since: UInt64, now: UInt64) -> Bool {
        guard let cpu = worker.threadClock.load(ordering: .acquiring).nanosecondsUsed() else { return true }
        let previous = sightings[worker.index]
        sightings[worker.index] = Sighting(since: since, wall: now, cpu: cpu)
        guard previous.since == since, now > previous.wall else { return false }
        return (cpu &- previous.cpu) * 2 < now - previous.wall
    }

    private func sleepUntilBlocking(_ executor: GoroutineExecutor) {
        lock.lock()
        asleep = true
        mayBeAsleep.store(true, ordering: .relaxed)
        lock.unlock()
        // A worker that marked itself blocked before `mayBeAsleep` was set may not have woken
        // the monitor: look once more before sleeping.
        if executor.workers.contains(where: { $0.blockingSince.load(ordering: .acquiring) != 0 }) {
            lock.withLock {
                asleep = false
                mayBeAsleep.store(false, ordering: .relaxed)
            }
            return
        }
        lock.lock()
        while asleep { wakeUp.wait(releasing: lock) }
        lock.unlock()
    }
}

/// Threads that ran a worker until a blocking call cost them the worker, waiting to be given
/// one again (Go's idle Ms). `take` gives a handed-off worker to one of them, or to a new thread.
final class SpareThreads: @unchecked Sendable {
    // Invariant: `waiting` and `assigned` are read and written only while `lock` is held.
    private let lock = PthreadLock()
    private let assignment = PthreadCondition()
    private var waiting = 0              // spare threads waiting for a worker
    private var assigned: [Worker] = []  // workers handed over, not yet picked up

    init() {}

    deinit {
        assignment.deinitialize()
        lock.deinitialize()
    }

    /// Has a spare thread (or a new one) run `worker`, which the monitor has just handed off.
    func take(_ worker: Worker, for executor: GoroutineExecutor) {
        let startThreadNow = lock.withLock { () -> Bool in
            assigned.append(worker)
            if waiting > 0 {
                assignment.signal()
                return false
            }
            return true
        }
        if startThreadNow {
            startThread(name: "goroutines-spare") {
                executor.runThread(startingWith: nil)
            }
        }
    }

    /// Called by a thread without a worker: waits until one is handed to it.
    func waitForWorker() -> Worker {
        lock.lock()
        defer { lock.unlock() }
        waiting += 1
        while assigned.isEmpty { assignment.wait(releasing: lock) }
        waiting -= 1
        return assigned.removeFirst()
    }

    /// A worker handed over, if one waits for a thread; for a new spare thread's first look.
    func pickUp() -> Worker? {
        lock.withLock { assigned.isEmpty ? nil : assigned.removeFirst() }
    }
}
