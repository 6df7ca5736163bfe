import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore

/// Fails each request still running at its page's deadline, with one repeating timer for all of
/// them instead of one timer per request.
///
/// AsyncHTTPClient's own `deadline:` schedules a task on the connection's event loop for every
/// request and cancels it when the response ends; measured on crawl2, that cost about 10 µs of
/// the loop's time per page. Every page of one extractor has the same timeout, so deadlines
/// arrive in the order requests start: a queue in that order, looked at from its front on each
/// tick, finds the expired ones without a search. A request fails within one tick after its
/// deadline (a sixteenth of the timeout, between 10 ms and 1 s), with the same error as
/// AsyncHTTPClient's deadline: `HTTPClientError.deadlineExceeded`.
final class PageDeadlines: Sendable {
    /// A request being watched, for `forget`.
    struct Ticket: Sendable {
        fileprivate let id: UInt64
    }

    private struct State {
        var nextID: UInt64 = 0
        var order: CircularBuffer<(id: UInt64, deadline: NIODeadline)> = []  // in deadline order
        var running: [UInt64: HTTPClient.Task<Page>] = [:]                   // not yet forgotten
    }

    // A pthread mutex, which ThreadSanitizer sees.
    private let state = NIOLockedValueBox(State())
    private let ticker: RepeatedTask

    init(timeout: Duration, on loop: any EventLoop) {
        let interval = TimeAmount(min(max(timeout / 16, .milliseconds(10)), .seconds(1)))
        let state = self.state
        ticker = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            Self.failExpired(state, now: .now())
        }
    }

    /// Watches `task` until `forget`: if it is still running at `deadline`, it fails.
    func watch(_ task: HTTPClient.Task<Page>, until deadline: NIODeadline) -> Ticket {
        state.withLockedValue { state in
            let id = state.nextID
            state.nextID += 1
            state.order.append((id, deadline))
            state.running[id] = task
            return Ticket(id: id)
        }
    }

    /// Stops watching a request that has ended.
    func forget(_ ticket: Ticket) {
        state.withLockedValue { _ = $0.running.removeValue(forKey: ticket.id) }
    }

    /// How many requests are being watched.
    var watchedCount: Int { state.withLockedValue { $0.running.count } }

    /// Stops the timer. Requests still watched are left to run.
    func stop() {
        ticker.cancel()
    }

    /// Fails the requests whose deadline is past, and drops the ended ones from the front.
    private static func failExpired(_ state: NIOLockedValueBox<State>, now: NIODeadline) {
        let expired = state.withLockedValue { state -> [HTTPClient.Task<Page>] in
            var expired: [HTTPClient.Task<Page>] = []
            while let (id, deadline) = state.order.first {
                if let task = state.running[id] {
                    guard deadline <= now else { break }
                    expired.append(task)
                    state.running[id] = nil
                }
                state.order.removeFirst()
            }
            return expired
        }
        // Outside the lock: failing a request runs AsyncHTTPClient's callbacks.
        for task in expired {
            task.fail(reason: HTTPClientError.deadlineExceeded)
        }
    }
}
