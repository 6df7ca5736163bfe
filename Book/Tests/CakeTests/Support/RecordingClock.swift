import Channels

/// A clock whose time never moves and whose sleeps return at once, after noting how long they
/// were asked to last: it shows what delays a shop's cooks drew, without spending them.
final class RecordingClock: Clock, Sendable {
    typealias Instant = ManualClock.Instant

    private let sleeps = Shared<[Duration]>([])

    /// Every sleep asked for so far, in the order asked.
    var requested: [Duration] { sleeps.value }

    var now: Instant { Instant(offset: .zero) }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        sleeps.withLock { $0.append(now.duration(to: deadline)) }
    }
}
