import Cake
import Foundation
import Testing

/// Mutable state shared with the cooks' goroutines, behind an `NSLock` (a pthread mutex, which
/// ThreadSanitizer sees, unlike `Synchronization.Mutex`'s futexes on Linux).
final class Shared<Value: Sendable>: @unchecked Sendable {
    // Invariant: `stored` is read and written only while `lock` is held.
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

/// Every event a shop reports, in the order the cooks reported them. A cook reports a step
/// before the channel operation that passes the cake on, so the log orders the steps of one
/// cake as the channels do.
final class EventLog: Sendable {
    private let shared = Shared<[Shop.Event]>([])

    var events: [Shop.Event] { shared.value }

    /// The observer to give a shop.
    var observer: @Sendable (Shop.Event) -> Void {
        { [shared] event in shared.withLock { $0.append(event) } }
    }

    /// The cakes of the events of one step, in the order they were reported.
    func cakes(_ step: String) -> [Int] {
        events.filter { $0.step == step }.map(\.cake)
    }
}

/// Waits, yielding, until `condition` holds: how a test learns that the cooks have reached a
/// state (parked on a channel, asleep on a clock) without sleeping for a guessed time. The bound
/// only turns a bug into a failure instead of a hang; a passing run never waits for it.
func eventually(
    _ what: @autoclosure () -> String = "condition",
    within bound: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: bound)
    while !condition() {
        if clock.now > deadline {
            Issue.record("never reached: \(what())", sourceLocation: sourceLocation)
            return
        }
        await Task.yield()
    }
}
