import Synchronization

/// Mutable state that several goroutines of a test share: a class, so that closures capture a
/// reference (a local `Mutex` is non-copyable and cannot be captured by many `sending` closures).
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        mutex.withLock { body(&$0) }
    }

    var value: Value { mutex.withLock { $0 } }
}
