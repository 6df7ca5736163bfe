import DequeModule

// The decisions of one channel, with no locking, no `await` and no I/O.
//
// `ChannelStorage` owns the lock and calls one event method at a time while holding it. Each
// method mutates the state and returns an action; the storage performs the action (resumes a
// continuation, wakes a thread, traps) only after unlocking.
//
// Invariants, for a channel of capacity C (0 = unbuffered):
//  1. `buffer.count <= C`; an unbuffered channel never buffers.
//  2. Live waiters are on one side only: if a receiver is parked the buffer is empty and no
//     sender is parked; if a sender is parked the buffer is full and no receiver is parked.
//     The one exception is a select that has both a send and a receive case on this channel:
//     it parks on both queues at once, and whoever claims it first wins it.
//  3. A parked select may already have been won on another channel. Such a stale waiter stays
//     queued until its select removes it (Go's pass 3) or until an event meets it here: `claim()`
//     then fails and the event drops it and looks further.
//  4. Once closed, no waiter is queued: close wakes them all, and nobody parks afterwards.

/// A parked operation as the state machine sees it.
@usableFromInline
protocol ChannelWaiter {
    associatedtype Element
    /// Unique per parked operation; every waiter of one select shares its select's id.
    var id: WaiterID { get }
    /// The value a parked sender offers (only read for senders).
    var offeredValue: Element { get }
    /// Takes the waiter for the current event. A plain waiter always succeeds; a select's waiter
    /// succeeds once across all its channels (Go's `selectDone`).
    func claim() -> Bool
    /// Whether `claim()` would succeed now, without claiming.
    var isClaimable: Bool { get }
}

@usableFromInline
typealias WaiterID = UInt64

@usableFromInline
struct ChannelStateMachine<Waiter: ChannelWaiter> {
    @usableFromInline typealias Element = Waiter.Element

    @usableFromInline var buffer: Deque<Element>  // values sent but not received, oldest first
    @usableFromInline let capacity: Int           // C: how many values the buffer may hold
    @usableFromInline var receivers: Deque<Waiter>  // parked receivers, oldest first
    @usableFromInline var senders: Deque<Waiter>    // parked senders with their values, oldest first
    @usableFromInline var isClosed: Bool          // close() has happened

    @inlinable
    init(capacity: Int) {
        self.capacity = capacity
        // Reserve the whole buffer up front (no allocation per element later), up to a bound:
        // a huge capacity of empty values must not reserve memory it will never use.
        self.buffer = Deque(minimumCapacity: Swift.min(capacity, 1 << 16))
        self.receivers = Deque()
        self.senders = Deque()
        self.isClosed = false
    }

    // MARK: send

    @usableFromInline
    enum SendAction {
        /// The value went into the buffer.
        case buffered
        /// Hand the value straight to this receiver, bypassing the buffer.
        case resumeReceiver(Waiter, Element)
        /// Nothing can take the value now; the caller parks or reports "would block".
        case wouldBlock
        /// Go panics: "send on closed channel".
        case trapSendOnClosed
    }

    @inlinable
    mutating func send(_ value: Element) -> SendAction {
        // 1. A closed channel takes no value.
        if isClosed { return .trapSendOnClosed }
        // 2. A parked receiver takes it directly (only possible when the buffer is empty).
        if let receiver = claimFirst(&receivers) {
            return .resumeReceiver(receiver, value)
        }
        // 3. Room in the buffer.
        if buffer.count < capacity {
            buffer.append(value)
            return .buffered
        }
        // 4. Full, or unbuffered with nobody waiting.
        return .wouldBlock
    }

    /// Queues a sender after `send` answered `.wouldBlock` under the same lock.
    @inlinable
    mutating func parkSender(_ waiter: Waiter) {
        assert(!isClosed, "a sender cannot park on a closed channel")
        senders.append(waiter)
    }

    // MARK: receive

    @usableFromInline
    enum ReceiveAction {
        /// A value was taken, from the buffer or from a parked sender that needs no wake-up.
        case received(Element)
        /// A value was taken; this parked sender has completed and must be woken.
        case receivedResumingSender(Element, Waiter)
        /// Closed and drained: Go's `v, ok := <-ch` with ok == false.
        case closed
        /// Nothing to take now; the caller parks or reports "would block".
        case wouldBlock
    }

    @inlinable
    mutating func receive() -> ReceiveAction {
        // 1. Buffered values come first, even after close.
        if let value = buffer.popFirst() {
            // A full buffer may have senders waiting: the oldest one's value takes the freed slot.
            if let sender = claimFirst(&senders) {
                buffer.append(sender.offeredValue)
                return .receivedResumingSender(value, sender)
            }
            return .received(value)
        }
        // 2. Closed and drained.
        if isClosed { return .closed }
        // 3. Unbuffered (or capacity-0 view): take directly from a parked sender.
        if let sender = claimFirst(&senders) {
            return .receivedResumingSender(sender.offeredValue, sender)
        }
        return .wouldBlock
    }

    /// Queues a receiver after `receive` answered `.wouldBlock` under the same lock.
    @inlinable
    mutating func parkReceiver(_ waiter: Waiter) {
        assert(!isClosed, "a receiver cannot park on a closed channel")
        receivers.append(waiter)
    }

    // MARK: readiness

    /// Whether `send` would complete now (or trap), without sending: a select that must take its
    /// locks again before it parks looks with this.
    @inlinable
    var canSendWithoutWaiting: Bool {
        isClosed || buffer.count < capacity || receivers.contains { $0.isClaimable }
    }

    /// Whether `receive` would complete now, without receiving.
    @inlinable
    var canReceiveWithoutWaiting: Bool {
        !buffer.isEmpty || isClosed || senders.contains { $0.isClaimable }
    }

    // MARK: close

    @usableFromInline
    enum CloseAction {
        /// Wake every claimed waiter: receivers see "closed", senders trap.
        case resumeAll(receivers: [Waiter], senders: [Waiter])
        /// Go panics: "close of closed channel".
        case trapCloseOfClosed
    }

    @inlinable
    mutating func close() -> CloseAction {
        if isClosed { return .trapCloseOfClosed }
        isClosed = true
        var wokenReceivers: [Waiter] = []
        while let waiter = receivers.popFirst() {
            if waiter.claim() { wokenReceivers.append(waiter) }
        }
        var wokenSenders: [Waiter] = []
        while let waiter = senders.popFirst() {
            if waiter.claim() { wokenSenders.append(waiter) }
        }
        return .resumeAll(receivers: wokenReceivers, senders: wokenSenders)
    }

    // MARK: cancellation and select clean-up

    /// A cancelled receiver, or a finished select's receive case (Go's pass 3), leaves the
    /// queue. Returns it if it was still parked (then a cancelled task's caller resumes it);
    /// nil means an event already took it. Stops at the first match: a waiter is queued once.
    @inlinable
    mutating func removeReceiver(id: WaiterID) -> Waiter? {
        guard let index = receivers.firstIndex(where: { $0.id == id }) else { return nil }
        return receivers.remove(at: index)
    }

    /// A cancelled sender leaves the queue; see `removeReceiver(id:)`.
    @inlinable
    mutating func removeSender(id: WaiterID) -> Waiter? {
        guard let index = senders.firstIndex(where: { $0.id == id }) else { return nil }
        return senders.remove(at: index)
    }

    /// Empties the buffer; returns whether it held a value. Timer channels use it on stop/reset
    /// so that no stale tick is received afterwards.
    @inlinable
    mutating func drainBuffer() -> Bool {
        let hadValue = !buffer.isEmpty
        buffer.removeAll(keepingCapacity: true)
        return hadValue
    }

    // MARK: helpers

    /// Pops waiters until one can be claimed, dropping stale select waiters on the way.
    @inlinable
    func claimFirst(_ queue: inout Deque<Waiter>) -> Waiter? {
        while let waiter = queue.popFirst() {
            if waiter.claim() { return waiter }
        }
        return nil
    }
}
