
/// Why a parked select woke up.
@usableFromInline
enum SelectWake: Sendable {
    case chosen(Int)          // case `index` completed: a send was taken, or a receive got a value
    case chosenOnClosed(Int)  // case `index` met a close: a receive sees nil, a send traps
    case cancelled            // the select's task was cancelled
    case retry                // a case became ready before the select parked: run pass 1 again
}

/// The once-flag shared by all waiters of one parked select (Go's `selectDone`): exactly one
/// channel event, or the cancellation handler, wins it.
///
/// Lock order: a channel lock may be held while taking this lock, never the other way round.
@usableFromInline
final class SelectWaiter: @unchecked Sendable {
    // Invariant: `state` and `received` are read and written only while `lock` is held. The lock lives inline
    // (no allocation per select); its critical sections are a few instructions. `waitedCases`
    // is written once, before the goroutine's record publishes the wait under its own guard,
    // and only read after that.
    @usableFromInline
    enum State {
        case arming                    // the select holds all its channel locks and is enqueueing
        case cancelledWhileArming      // cancelled before it could park: it must not park
        case parked(UnsafeContinuation<SelectWake, Never>)   // waiting; the first claim wins
        case claimed(UnsafeContinuation<SelectWake, Never>)  // won, about to be woken
        case done                      // woken (or never parked)
    }

    /// Its waiters' id on every channel: set by `park` under the channel locks, before any
    /// channel holds one of them, and not changed after.
    @usableFromInline var id: WaiterID = noWaiterID
    @usableFromInline let lock = SpinLock()
    @usableFromInline var state = State.arming
    /// The value a winning receive case took, left by the event that woke the select. An `Any`
    /// holds values of up to three words inline: no allocation for the usual element types.
    @usableFromInline var received: Any?
    /// The select's cases, for the goroutine dump: set once, before the select's goroutine
    /// records its wait (under its record's guard, which publishes it to the dump), and never
    /// changed after.
    @usableFromInline var waitedCases: (any SelectCaseChannels)?

    @usableFromInline
    init() {}

    /// Publishes the continuation once every case is enqueued. Returns false if cancellation
    /// already arrived, in which case the select must not wait.
    @usableFromInline
    func arm(_ continuation: UnsafeContinuation<SelectWake, Never>) -> Bool {
        lock.withLock {
            switch state {
            case .arming:
                state = .parked(continuation)
                return true
            case .cancelledWhileArming:
                state = .done
                return false
            case .parked, .claimed, .done:
                preconditionFailure("a select arms once")
            }
        }
    }

    /// Called by a channel event holding that channel's lock. A counterpart holds one of the
    /// select's channel locks, so it can never see `.arming`.
    @usableFromInline
    func claim() -> Bool {
        lock.withLock {
            guard case .parked(let continuation) = state else { return false }
            state = .claimed(continuation)
            return true
        }
    }

    /// Whether a channel event could claim the select now.
    @usableFromInline
    var isParked: Bool {
        lock.withLock {
            if case .parked = state { return true }
            return false
        }
    }

    /// Resumes the select after a successful `claim()`, leaving it what a receive case took.
    /// Never called under a lock.
    @usableFromInline
    func wake(_ reason: SelectWake, received value: Any?) {
        let continuation = lock.withLock { () -> UnsafeContinuation<SelectWake, Never> in
            guard case .claimed(let continuation) = state else {
                preconditionFailure("wake without a successful claim")
            }
            state = .done
            received = value
            return continuation
        }
        waiterWillResume(id)
        continuation.resume(returning: reason)
    }

    /// What the winning receive case took; read once, by the select after it woke.
    @usableFromInline
    func takeReceived() -> Any? {
        lock.withLock {
            defer { received = nil }
            return received
        }
    }

    /// The task's cancellation handler. Wins the select unless an event already has.
    @usableFromInline
    func cancel() {
        let continuation = lock.withLock { () -> UnsafeContinuation<SelectWake, Never>? in
            switch state {
            case .arming:
                state = .cancelledWhileArming
                return nil
            case .parked(let continuation):
                state = .done
                return continuation
            case .cancelledWhileArming, .claimed, .done:
                return nil
            }
        }
        if let continuation {
            waiterWillResume(id)
            continuation.resume(returning: .cancelled)
        }
    }
}

extension SelectWaiter: ParkSite {
    /// The select's task was cancelled: it wins the select unless an event already has.
    @usableFromInline
    func cancelWaiter(_ id: WaiterID) { cancel() }
}
