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
/// A worker about to sleep first counts itself in `sleeperCount` (sequentially consistent),
/// then looks for work once more under `lock`. An enqueuer first publishes its job, then reads
/// `sleeperCount`. So either the sleeper's last look finds the job, or the enqueuer sees the
/// sleeper and hands it a wake token under the same lock.
final class IdleWorkers: @unchecked Sendable {
    // Invariant: `sleepers` and `tokens` are accessed only while `lock` is held; `condition` is
    // only waited on with `lock` held.
    private let lock = PthreadLock()
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var sleepers = 0   // workers waiting on `condition`
    private var tokens = 0     // wake-ups granted and not yet consumed
    let sleeperCount = Atomic<Int>(0)   // mirrors `sleepers` for a lock-free check
    let spinningCount = Atomic<Int>(0)  // workers looking for work before they sleep

    init() {
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        lock.deinitialize()
    }

    /// Sleeps until woken, unless `hasWork()` (checked after announcing the sleep) finds work.
    func sleep(unless hasWork: () -> Bool) {
        lock.lock()
        sleepers += 1
        sleeperCount.store(sleepers, ordering: .sequentiallyConsistent)
        if !hasWork() {
            while tokens == 0 { pthread_cond_wait(condition, lock.mutex) }
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
                pthread_cond_signal(condition)
            }
        }
    }

    /// Wakes a worker to look for work unless one is already looking.
    func wakeOneUnlessSpinning() {
        guard spinningCount.load(ordering: .sequentiallyConsistent) == 0 else { return }
        wakeOne()
    }
}
