import NIOConcurrencyHelpers
import NIOCore

/// What `GET /stats` reports, as `server.go` does: the most requests ever in flight at once, and
/// the crawler's median think time, from the end of a response to the next request on the same
/// connection. Reading them resets them.
final class Stats: Sendable {
    private struct State {
        var inFlight = 0
        var maxInFlight = 0
        var answered: [ObjectIdentifier: NIODeadline] = [:]   // by connection: its last response's end
        var thinks: [Int64] = []                               // nanoseconds
    }

    private let state = NIOLockedValueBox(State())

    /// A page request has arrived on `connection`.
    func requestArrived(on connection: ObjectIdentifier, at now: NIODeadline) {
        state.withLockedValue { state in
            if let last = state.answered[connection] {
                state.thinks.append((now - last).nanoseconds)
            }
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
        }
    }

    /// A page's response is about to be written: the request is no longer in flight. Counted
    /// before the write, not after it, because the write wakes the crawler, which may read the
    /// response and send its next request before this thread runs again.
    func responseStarting() {
        state.withLockedValue { $0.inFlight -= 1 }
    }

    /// A page's response is on the wire: the crawler's think time starts.
    func responseWritten(on connection: ObjectIdentifier, at now: NIODeadline) {
        state.withLockedValue { $0.answered[connection] = now }
    }

    /// A connection has closed: a later connection may reuse its identity.
    func connectionClosed(_ connection: ObjectIdentifier) {
        _ = state.withLockedValue { $0.answered.removeValue(forKey: connection) }
    }

    /// "MAX THINK\n", think in microseconds (0 when no connection was reused), and a reset.
    func report() -> String {
        state.withLockedValue { state in
            state.thinks.sort()
            let think = state.thinks.isEmpty ? 0 : state.thinks[state.thinks.count / 2] / 1000
            let line = "\(state.maxInFlight) \(think)\n"
            state.maxInFlight = 0
            state.thinks = []
            state.answered = [:]
            return line
        }
    }
}
