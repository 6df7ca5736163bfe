#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`, for the harness's state shared between the test and
/// its reader and reaper threads.
///
/// Why not `Synchronization.Mutex`: on Linux it parks on futexes that ThreadSanitizer does not
/// see, so under `--sanitize=thread` it reports races on the very values it guards (seen here:
/// `reaped`, written by the reaper thread and read by `finish()`). glibc's mutex is intercepted
/// by TSan. (The library's own lock is internal to Channels, so the harness has this one.)
///
/// `@unchecked Sendable`: `value` is read and written only inside `withLock`, with `mutex` held.
public final class ThreadLocked<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value   // guarded by mutex

    public init(_ value: Value) {
        self.value = value
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held. `body` must not wait for anything.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
