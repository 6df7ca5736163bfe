#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocks a plain thread until another party unparks it: the thread half of a waiter.
/// One parker per thread, made on first use and reused for every blocking call on that thread,
/// so a blocking send or receive costs no allocation and no semaphore per call.
@usableFromInline
final class ThreadParker: @unchecked Sendable {
    // Invariant: `permit` is read and written only while `mutex` is locked; `mutex` and
    // `condition` live as long as the parker.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var permit = false  // set by unpark, consumed by park

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Waits until `unpark()` has been called since the last `park()`.
    @usableFromInline
    func park() {
        pthread_mutex_lock(mutex)
        while !permit { pthread_cond_wait(condition, mutex) }
        permit = false
        pthread_mutex_unlock(mutex)
    }

    @usableFromInline
    func unpark() {
        pthread_mutex_lock(mutex)
        permit = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// The calling thread's parker.
    @usableFromInline
    static var current: ThreadParker {
        if let existing = pthread_getspecific(threadKey) {
            return Unmanaged<ThreadParker>.fromOpaque(existing).takeUnretainedValue()
        }
        let parker = ThreadParker()
        pthread_setspecific(threadKey, Unmanaged.passRetained(parker).toOpaque())
        return parker
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        // The destructor releases the thread's parker when the thread exits.
        let status = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<ThreadParker>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()
}
