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
///
/// Wake-ups are counted, so an `unpark()` that comes before the `park()` is not lost, and
/// several threads may share one parker as a wake-up queue (the blocking pool does).
@usableFromInline
final class ThreadParker: @unchecked Sendable {
    // Invariant: `permits` is read and written only while `lock` is held.
    private let lock = PthreadLock()
    private let condition = PthreadCondition()
    private var permits = 0  // unparks not yet consumed by a park

    init() {}

    deinit {
        condition.deinitialize()
        lock.deinitialize()
    }

    /// Waits until an `unpark()` is available and consumes it.
    @usableFromInline
    func park() {
        lock.lock()
        while permits == 0 { condition.wait(releasing: lock) }
        permits -= 1
        lock.unlock()
    }

    @usableFromInline
    func unpark() {
        lock.lock()
        permits += 1
        condition.signal()
        lock.unlock()
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
        // The destructor releases the thread's parker when the thread exits. glibc declares its
        // argument nullable, Darwin non-null.
        let status = pthread_key_create(&key) { argument in
            let pointer: UnsafeMutableRawPointer? = argument
            guard let pointer else { return }
            Unmanaged<ThreadParker>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()
}
