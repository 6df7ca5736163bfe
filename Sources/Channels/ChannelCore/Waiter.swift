import Synchronization

/// How a parked operation ends, as delivered to the party that parked.
@usableFromInline
enum Outcome<Element> {
    case value(Element)  // a receive took this value
    case sent            // a send was taken by a receiver or the buffer
    case closed          // the channel was closed: a receiver sees "closed", a sender traps
    case cancelled       // the waiting task was cancelled; nothing was transferred
}

extension Outcome: Sendable where Element: Sendable {}

/// A parked sender or receiver: who to wake, and for a sender the value it offers.
@usableFromInline
struct Waiter<Element: Sendable>: ChannelWaiter {
    @usableFromInline
    enum Target {
        /// A task suspended in `send`/`receive`.
        case task(UnsafeContinuation<Outcome<Element>, Never>)
        /// A plain thread blocked in `sendBlocking`/`receiveBlocking`; the outcome is written to
        /// its stack slot before it is unparked.
        case thread(ThreadParker, UnsafeMutablePointer<Outcome<Element>>)
        /// One case of a parked select; a received value is left with the select.
        case select(SelectWaiter, caseIndex: Int)
    }

    @usableFromInline let id: WaiterID        // see `ChannelWaiter.id`
    @usableFromInline let target: Target      // who to wake
    @usableFromInline let offer: Element?     // the value of a parked sender, nil for a receiver

    @inlinable
    init(id: WaiterID, target: Target, offer: Element?) {
        self.id = id
        self.target = target
        self.offer = offer
    }

    @inlinable
    var offeredValue: Element {
        guard let offer else { preconditionFailure("a receiver offers no value") }
        return offer
    }

    @inlinable
    func claim() -> Bool {
        switch target {
        case .task, .thread: return true
        case .select(let select, _): return select.claim()
        }
    }

    @inlinable
    var isClaimable: Bool {
        switch target {
        case .task, .thread: return true
        case .select(let select, _): return select.isParked
        }
    }

    /// Wakes the waiter. Call only after claiming it, and never while holding a lock.
    @inlinable
    func resume(_ outcome: Outcome<Element>) {
        switch target {
        case .task(let continuation):
            waiterWillResume(id)
            continuation.resume(returning: outcome)
        case .thread(let parker, let slot):
            // The slot lives on the blocked thread's stack: write it before unparking, since the
            // frame may be gone right after.
            slot.pointee = outcome
            parker.unpark()
        case .select(let select, let index):
            switch outcome {
            case .value(let value):
                // `as Any` first: an optional element's nil must arrive as a value, not as "none".
                select.wake(.chosen(index), received: value as Any)
            case .sent:
                select.wake(.chosen(index), received: nil)
            case .closed:
                select.wake(.chosenOnClosed(index), received: nil)
            case .cancelled:
                preconditionFailure("a select's case is never cancelled on its own")
            }
        }
    }
}

/// Hands out waiter ids. Relaxed is enough: only uniqueness matters.
@usableFromInline
let waiterIDs = Atomic<UInt64>(1)

@inlinable
func nextWaiterID() -> WaiterID {
    waiterIDs.wrappingAdd(1, ordering: .relaxed).oldValue
}
