#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock on a `pthread_mutex_t` (with glibc, its adaptive kind).
///
/// Why not `Synchronization.Mutex`: on Linux it parks on futexes inside the Swift runtime, which
/// ThreadSanitizer does not instrument, so TSan sees none of its ordering and reports races on
/// every value it guards. glibc's mutex is intercepted by TSan, and uncontended it costs the same
/// single atomic instruction each way.
///
/// The owner calls `deinitialize()` exactly once, from its `deinit`.
@usableFromInline
struct PthreadLock {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>

    @inlinable
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        #if canImport(Glibc)
        // Adaptive: a thread that finds the lock taken spins a while before it sleeps in the
        // kernel, as Go's runtime locks do. The library's critical sections last tens of
        // nanoseconds; with glibc's default mutex a thread that met one went straight to a
        // futex sleep and needed a wake-up system call from the holder, and contended channels
        // ran at that pace (ChanSem 56 ns, MPMCBuffered100_4x4 95 ns; spinning: 37 and 58).
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        #else
        // musl and Darwin have no adaptive kind. Darwin's default mutex is first-fit: an unlock
        // does not hand the lock to a sleeping waiter, so the next running thread to come for it
        // takes it without a context switch. (The figures above are glibc's; none are measured
        // on Darwin.)
        pthread_mutex_init(mutex, nil)
        #endif
    }

    @inlinable
    func lock() { pthread_mutex_lock(mutex) }

    @inlinable
    func unlock() { pthread_mutex_unlock(mutex) }

    @inlinable
    func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock()
        defer { unlock() }
        return try body()
    }

    @inlinable
    func deinitialize() {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}

/// A condition variable, always waited on with a `PthreadLock` held.
/// The owner calls `deinitialize()` exactly once, from its `deinit`.
@usableFromInline
struct PthreadCondition {
    @usableFromInline let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    /// Releases `lock`, sleeps until signalled (or spuriously), and takes `lock` again.
    func wait(releasing lock: PthreadLock) { pthread_cond_wait(condition, lock.mutex) }

    func signal() { pthread_cond_signal(condition) }

    func deinitialize() {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }
}

/// A condition variable whose timed waits run on the library's time base
/// (`monotonicNanoseconds`), so that setting the wall clock cannot make timers early or late.
/// For the timer thread; its owner is process-wide and never deallocated.
struct MonotonicCondition {
    let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        #if canImport(Darwin)
        // Darwin has no pthread_condattr_setclock: its absolute timed wait always reads the wall
        // clock. The relative wait used below needs no attribute.
        pthread_cond_init(condition, nil)
        #else
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        #endif
    }

    func signal() { pthread_cond_signal(condition) }

    /// Releases `lock` and sleeps until signalled, until `deadline` (in `monotonicNanoseconds`)
    /// if given, or spuriously; then takes `lock` again.
    func wait(releasing lock: PthreadLock, until deadline: UInt64?) {
        guard let deadline else {
            pthread_cond_wait(condition, lock.mutex)
            return
        }
        #if canImport(Darwin)
        // A relative wait, which the kernel measures in `mach_absolute_time`: the uptime that
        // `monotonicNanoseconds` reads. At most a day at a time (`tv_sec` is 32 bits on watchOS,
        // and the kernel converts the interval to its ticks in 64 bits); the caller waits again.
        let now = monotonicNanoseconds()
        guard deadline > now else { return }
        let interval = min(deadline - now, 86_400 * 1_000_000_000)
        var time = timespec(tv_sec: Int(interval / 1_000_000_000), tv_nsec: Int(interval % 1_000_000_000))
        pthread_cond_timedwait_relative_np(condition, lock.mutex, &time)
        #else
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        pthread_cond_timedwait(condition, lock.mutex, &time)
        #endif
    }
}

/// A value guarded by its own lock: the library's equivalent of `Mutex<Value>` (see
/// `PthreadLock` for why not that).
@usableFromInline
final class Locked<Value>: @unchecked Sendable {
    // Invariant: `value` is read or written only inside `withLock`, which holds `lock`.
    @usableFromInline let lock = PthreadLock()
    @usableFromInline var value: Value

    @inlinable
    init(_ value: Value) { self.value = value }

    deinit { lock.deinitialize() }

    @inlinable
    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
