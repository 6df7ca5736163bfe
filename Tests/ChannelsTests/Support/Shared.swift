import Foundation

/// Mutable state that several goroutines of a test share: a class, so that closures capture a
/// reference. It locks with `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`,
/// whose Linux futexes ThreadSanitizer cannot see.
final class Shared<Value: Sendable>: @unchecked Sendable {
    // Invariant: `stored` is accessed only while `lock` is held.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }

    var value: Value { withLock { $0 } }
}
