#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock on a `pthread_mutex_t`.
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
        pthread_mutex_init(mutex, nil)
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
