import DequeModule

/// The shared body of a channel: one lock, one state machine, and the code that performs the
/// state machine's actions after unlocking. `Chan`, `SendChan` and `ReceiveChan` are views of it.
///
/// The async operations take the caller's isolation so that they never hop executors on their
/// own; the fast paths are `@inlinable` because generic code called across modules without
/// specialization measured 3× slower.
@usableFromInline
final class ChannelStorage<Element: Sendable>: @unchecked Sendable {
    // Invariant: `machine` is read or written only while `lock` is held. Continuations are
    // resumed, threads unparked and traps raised only after it is released.
    @usableFromInline let lock = PthreadLock()
    // Exclusivity is guaranteed by the lock; the dynamic check would cost every operation.
    @usableFromInline @exclusivity(unchecked) var machine: ChannelStateMachine<Waiter<Element>>
    /// Timer channels report `count` and `capacity` as 0, as Go 1.23's synchronous timer
    /// channels do, although they hold one pending tick internally.
    @usableFromInline let isTimerChannel: Bool
    /// A name for the goroutine dump, given when the channel was made.
    @usableFromInline let label: String?

    deinit { lock.deinitialize() }

    @inlinable
    init(capacity: Int, isTimerChannel: Bool = false, label: String? = nil,
         at site: CallSite = CallSite(file: #fileID, line: #line)) {
        // Go's bound: the buffer's size in bytes must not overflow or exceed what the runtime
        // could ever allocate (2^48 bytes on 64-bit platforms; on 32-bit ones, such as watchOS's
        // arm64_32, not overflowing is the bound). Compared as UInt64: with a 32-bit `Int`,
        // `1 << 48` would be 0.
        let (bytes, overflow) = MemoryLayout<Element>.size.multipliedReportingOverflow(by: capacity)
        if capacity < 0 || overflow || UInt64(bytes) > 1 << 48 { Trap.channelSizeOutOfRange(at: site) }
        self.machine = ChannelStateMachine(capacity: capacity)
        self.isTimerChannel = isTimerChannel
        self.label = label
    }

    /// For select, which must hold several channel locks at once (taken in a global order).
    @inlinable func lockForSelect() { lock.lock() }
    @inlinable func unlockForSelect() { lock.unlock() }

    @inlinable
    func withLock<R>(_ body: (inout ChannelStateMachine<Waiter<Element>>) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&machine)
    }

    @inlinable
    var count: Int { isTimerChannel ? 0 : withLock { $0.buffer.count } }

    @inlinable
    var capacity: Int { isTimerChannel ? 0 : machine.capacity }  // immutable after init

    // MARK: send

    // The fast paths are always inlined into the caller, where the call site's file and line
    // are constants and the whole send costs no async frame of its own; the parking paths are
    // never inlined into them (but still specialized), to keep them small. Left to the inliner,
    // the call-site parameters tipped a send over its threshold: every send then allocated a
    // frame, and a buffered hand-off took twice as long.
    @inlinable @inline(__always)
    nonisolated(nonsending) func send(_ value: Element, at site: CallSite) async throws(CancellationError) {
        switch withLock({ $0.send(value) }) {
        case .buffered:
            return
        case .resumeReceiver(let receiver, let value):
            receiver.resume(.value(value))
        case .trapSendOnClosed:
            Trap.sendOnClosedChannel(at: site)
        case .wouldBlock:
            try await sendParking(value, at: site)
        }
    }

    /// The slow path: decide again under the lock (the state may have moved since the fast
    /// path unlocked), and park unless the operation can complete or the task is cancelled.
    @inlinable @inline(never)
    nonisolated(nonsending) func sendParking(_ value: Element, at site: CallSite) async throws(CancellationError) {
        let outcome = await park(
            on: self, for: .send, cancelled: Outcome<Element>.cancelled,
            lock: { lock.lock() }, unlock: { lock.unlock() },
            completeNow: { () -> ChannelStateMachine<Waiter<Element>>.SendAction? in
                let action = machine.send(value)
                if case .wouldBlock = action { return nil }
                return action
            },
            finish: Self.complete,
            enqueue: { continuation, id in
                machine.parkSender(Waiter(id: id, target: .task(continuation), offer: value))
                return nil
            }
        )
        try Self.finishSend(outcome, at: site)
    }

    /// Performs a non-parking send action and says how the send ended.
    @inlinable
    static func complete(_ action: ChannelStateMachine<Waiter<Element>>.SendAction) -> Outcome<Element> {
        switch action {
        case .buffered:
            return .sent
        case .resumeReceiver(let receiver, let value):
            receiver.resume(.value(value))
            return .sent
        case .trapSendOnClosed:
            return .closed
        case .wouldBlock:
            preconditionFailure("a send that would block parks")
        }
    }

    @inlinable
    static func finishSend(_ outcome: Outcome<Element>, at site: CallSite) throws(CancellationError) {
        switch outcome {
        case .sent: return
        case .closed: Trap.sendOnClosedChannel(at: site)
        case .cancelled: throw CancellationError()
        case .value: preconditionFailure("a sender never receives a value")
        }
    }

    @inlinable
    func trySend(_ value: Element) -> TrySendResult {
        switch withLock({ $0.send(value) }) {
        case .buffered:
            return .sent
        case .resumeReceiver(let receiver, let value):
            receiver.resume(.value(value))
            return .sent
        case .trapSendOnClosed:
            return .closed
        case .wouldBlock:
            return .wouldBlock
        }
    }

    @inlinable
    func sendBlocking(_ value: Element, at site: CallSite) {
        let action = withLock { $0.send(value) }
        if case .wouldBlock = action {
            return sendBlockingParking(value, at: site)
        }
        try! Self.finishSend(Self.complete(action), at: site)  // cannot be .cancelled: it did not block
    }

    @inlinable
    func sendBlockingParking(_ value: Element, at site: CallSite) {
        let parker = ThreadParker.current
        var outcome = Outcome<Element>.sent
        withUnsafeMutablePointer(to: &outcome) { slot in
            lock.lock()
            let action = machine.send(value)
            if case .wouldBlock = action {
                machine.parkSender(Waiter(id: nextWaiterID(), target: .thread(parker, slot), offer: value))
                lock.unlock()
                parker.park()
                return
            }
            lock.unlock()
            slot.pointee = Self.complete(action)
        }
        try! Self.finishSend(outcome, at: site)  // a thread is never cancelled
    }

    // MARK: receive

    @inlinable @inline(__always)
    nonisolated(nonsending) func receive() async throws(CancellationError) -> Element? {
        switch withLock({ $0.receive() }) {
        case .received(let value):
            return value
        case .receivedResumingSender(let value, let sender):
            sender.resume(.sent)
            return value
        case .closed:
            return nil
        case .wouldBlock:
            return try await receiveParking()
        }
    }

    @inlinable @inline(never)
    nonisolated(nonsending) func receiveParking() async throws(CancellationError) -> Element? {
        let outcome = await park(
            on: self, for: .receive, cancelled: Outcome<Element>.cancelled,
            lock: { lock.lock() }, unlock: { lock.unlock() },
            completeNow: { () -> ChannelStateMachine<Waiter<Element>>.ReceiveAction? in
                let action = machine.receive()
                if case .wouldBlock = action { return nil }
                return action
            },
            finish: Self.complete,
            enqueue: { continuation, id in
                machine.parkReceiver(Waiter(id: id, target: .task(continuation), offer: nil))
                return nil
            }
        )
        return try Self.finishReceive(outcome)
    }

    /// Performs a non-parking receive action and says how the receive ended.
    @inlinable
    static func complete(_ action: ChannelStateMachine<Waiter<Element>>.ReceiveAction) -> Outcome<Element> {
        switch action {
        case .received(let value):
            return .value(value)
        case .receivedResumingSender(let value, let sender):
            sender.resume(.sent)
            return .value(value)
        case .closed:
            return .closed
        case .wouldBlock:
            preconditionFailure("a receive that would block parks")
        }
    }

    @inlinable
    static func finishReceive(_ outcome: Outcome<Element>) throws(CancellationError) -> Element? {
        switch outcome {
        case .value(let value): return value
        case .closed: return nil
        case .cancelled: throw CancellationError()
        case .sent: preconditionFailure("a receiver is never told 'sent'")
        }
    }

    @inlinable
    func tryReceive() -> TryReceiveResult<Element> {
        switch withLock({ $0.receive() }) {
        case .received(let value):
            return .value(value)
        case .receivedResumingSender(let value, let sender):
            sender.resume(.sent)
            return .value(value)
        case .closed:
            return .closed
        case .wouldBlock:
            return .wouldBlock
        }
    }

    @inlinable
    func receiveBlocking() -> Element? {
        let action = withLock { $0.receive() }
        if case .wouldBlock = action {
            return receiveBlockingParking()
        }
        return try! Self.finishReceive(Self.complete(action))
    }

    @inlinable
    func receiveBlockingParking() -> Element? {
        let parker = ThreadParker.current
        var outcome = Outcome<Element>.closed
        withUnsafeMutablePointer(to: &outcome) { slot in
            lock.lock()
            let action = machine.receive()
            if case .wouldBlock = action {
                machine.parkReceiver(Waiter(id: nextWaiterID(), target: .thread(parker, slot), offer: nil))
                lock.unlock()
                parker.park()
                return
            }
            lock.unlock()
            slot.pointee = Self.complete(action)
        }
        return try! Self.finishReceive(outcome)
    }

    // MARK: close

    @inlinable
    func close(at site: CallSite) {
        switch withLock({ $0.close() }) {
        case .trapCloseOfClosed:
            Trap.closeOfClosedChannel(at: site)
        case .resumeAll(let receivers, let senders):
            for receiver in receivers { receiver.resume(.closed) }
            // Go panics in every sender that was blocked: they wake with `.closed` and trap.
            for sender in senders { sender.resume(.closed) }
        }
    }

    // MARK: timers

    /// A timer's delivery: dropped if `isCurrent()` says the timer was stopped or reset since
    /// it fired, or if a tick is already pending (Go drops ticks for a slow receiver).
    /// `isCurrent` runs under the lock, so a stop that drains afterwards cannot miss the value.
    @inlinable
    func deliverTimerValue(_ value: Element, isCurrent: () -> Bool) {
        lock.lock()
        guard isCurrent() else {
            lock.unlock()
            return
        }
        let action = machine.send(value)
        lock.unlock()
        if case .resumeReceiver(let receiver, let value) = action {
            receiver.resume(.value(value))
        }
    }

    /// Removes a pending tick; says whether there was one.
    @inlinable
    func drainTimerValue() -> Bool {
        withLock { $0.drainBuffer() }
    }
}

extension ChannelStorage: DescribableChannel {
    /// `Chan<Int> "results" (capacity 0, count 0)`; timer channels say so.
    var dumpDescription: String {
        let name = label.map { " \(String(reflecting: $0))" } ?? ""
        if isTimerChannel {
            return "timer channel<\(Element.self)>\(name)"
        }
        return "Chan<\(Element.self)>\(name) (capacity \(capacity), count \(count))"
    }
}

extension ChannelStorage: ParkSite {
    /// A cancelled sender or receiver leaves its queue, unless an event took it first; waiter
    /// ids are unique, so whichever queue holds it is the right one.
    @usableFromInline
    func cancelWaiter(_ id: WaiterID) {
        withLock { $0.removeSender(id: id) ?? $0.removeReceiver(id: id) }?.resume(.cancelled)
    }
}
