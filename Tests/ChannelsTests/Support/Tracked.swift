import Synchronization

/// A value that counts its live instances, to prove that a select releases the value of a send
/// case it did not choose.
final class Tracked: Sendable {
    static let live = Atomic<Int>(0)
    let tag: Int

    init(_ tag: Int) {
        self.tag = tag
        Self.live.add(1, ordering: .relaxed)
    }

    deinit { Self.live.subtract(1, ordering: .relaxed) }
}
