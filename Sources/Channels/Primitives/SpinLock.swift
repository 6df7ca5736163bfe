#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A lock of one atomic flag, stored inline in its owner (no allocation), for critical sections
/// of a few instructions that rarely meet: a select's once-flag, a timer's state, a goroutine's
/// record. Contended, it spins briefly and then yields the processor, so a holder that was
/// preempted gets to run.
///
/// ThreadSanitizer sees its acquire and release as it sees any atomic.
@usableFromInline
struct SpinLock: ~Copyable {
    @usableFromInline let held = Atomic<Bool>(false)

    @inlinable
    init() {}

    @inlinable
    func lock() {
        var spins = 0
        while !held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            spins += 1
            if spins > 64 {
                sched_yield()
                spins = 0
            }
        }
    }

    @inlinable
    func unlock() {
        held.store(false, ordering: .releasing)
    }

    @inlinable
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}
