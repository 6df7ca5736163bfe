#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where workers without work sleep, and how enqueuers wake them without losing a wake-up.
///
/// A worker that is about to sleep first announces it (`announceSleep`, counted in
/// `sleeperCount`, sequentially consistent), then stops counting as spinning, takes a last look
/// for work, and sleeps until it holds a wake token. An enqueuer first publishes its job, then
/// reads `spinningCount` and `sleeperCount`. So either the worker's last look finds the job, or
/// the enqueuer sees it announced and grants it a token under `lock`.
final class IdleWorkers: @unchecked Sendable {
    // Invariant: `sleepers` and `tokens` are accessed only while `lock` is held; `condition` is
    // only waited on with `lock` held.
    private let lock = PthreadLock()
    private let condition = PthreadCondition()
    private var sleepers = 0   // workers that announced a sleep and have not woken
    private var tokens = 0     // wake-ups granted and not yet consumed (never more than sleepers)
    let sleeperCount = Atomic<Int>(0)   // mirrors `sleepers` for a lock-free check
    let spinningCount = Atomic<Int>(0)  // workers looking for work before they sleep

    deinit {
        condition.deinitialize()
        lock.deinitialize()
    }

    /// Counts the calling worker as about to sleep, so that wake-ups from now on reach it.
    func announceSleep() {
        lock.withLock {
            sleepers += 1
            sleeperCount.store(sleepers, ordering: .sequentiallyConsistent)
        }
    }

    /// Withdraws an announced sleep: the worker found work after all.
    func cancelSleep() {
        lock.withLock {
            sleepers -= 1
            tokens = min(tokens, sleepers)
            sleeperCount.store(sleepers, ordering: .sequentiallyConsistent)
        }
    }

    /// Sleeps until a wake token arrives, unless `hasWork()` finds work first. Call after
    /// `announceSleep()`.
    func sleep(unless hasWork: () -> Bool) {
        lock.lock()
        if tokens > 0 || !hasWork() {
            while tokens == 0 { condition.wait(releasing: lock) }
            tokens -= 1
        }
        sleepers -= 1
        sleeperCount.store(sleepers, ordering: .sequentiallyConsistent)
        lock.unlock()
    }

    /// Wakes one sleeping worker, if any is asleep and not already woken.
    func wakeOne() {
        guard sleeperCount.load(ordering: .sequentiallyConsistent) > 0 else { return }
        lock.withLock {
            if sleepers > tokens {
                tokens += 1
                condition.signal()
            }
        }
    }

    /// Wakes a worker to look for work unless one is already looking. Call after publishing
    /// the job; the fence orders that publication before the reads of the counters (the
    /// store-load pair the sleeping side mirrors).
    func wakeOneUnlessSpinning() {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        guard spinningCount.load(ordering: .sequentiallyConsistent) == 0 else { return }
        wakeOne()
    }
}
