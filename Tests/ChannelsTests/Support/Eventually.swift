@_spi(Testing) import Channels
import Testing

/// Waits, yielding, until `condition` holds: the way a test learns that another task has
/// reached a state (for example, parked on a channel) without sleeping for a guessed time.
/// The wall-clock bound only turns a bug (the state is never reached) into a failure instead of
/// a hang; a passing run never waits for it.
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

extension Chan {
    /// Waits until `count` receivers are parked on the channel.
    func waitForParkedReceivers(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        await eventually("\(count) parked receivers", sourceLocation: sourceLocation) { parkedReceiverCount >= count }
    }

    /// Waits until `count` senders are parked on the channel.
    func waitForParkedSenders(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        await eventually("\(count) parked senders", sourceLocation: sourceLocation) { parkedSenderCount >= count }
    }
}
