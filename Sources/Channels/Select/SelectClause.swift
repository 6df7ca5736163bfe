/// The type-erased face of a receive or send case, as the select runtime drives it.
/// Every `…Locked` method runs while the select holds this case's channel lock.
@usableFromInline
protocol SelectClause<Result> {
    associatedtype Result

    /// The channel's identity: the select locks channels in this order and each one once.
    var channelIdentity: ObjectIdentifier { get }
    func lockChannel()
    func unlockChannel()

    /// Pass 1: if the case can complete now, commit it and return what remains to do after
    /// every lock is released (wake the counterpart, run the handler). Nil if not ready.
    func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)?

    /// Pass 2: park this case on its channel. Returns the slot a receive case's value will be
    /// left in.
    func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject?

    /// Pass 3: take this select's waiters off the channel.
    func removeLocked(_ id: WaiterID)

    /// After the select woke on this case: run the handler with what the channel delivered.
    nonisolated(nonsending) func finish(closed: Bool, slot: AnyObject?) async throws -> Result
}

@usableFromInline
struct ReceiveClause<Element: Sendable, Result>: SelectClause {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let handler: nonisolated(nonsending) (Element?) async throws -> Result

    @inlinable
    init(storage: ChannelStorage<Element>, handler: nonisolated(nonsending) @escaping (Element?) async throws -> Result) {
        self.storage = storage
        self.handler = handler
    }

    @inlinable var channelIdentity: ObjectIdentifier { ObjectIdentifier(storage) }
    @inlinable func lockChannel() { storage.lockForSelect() }
    @inlinable func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)? {
        let handler = self.handler
        switch storage.machine.receive() {
        case .received(let value):
            return { try await handler(value) }
        case .receivedResumingSender(let value, let sender):
            return {
                sender.resume(.sent)
                return try await handler(value)
            }
        case .closed:
            return { try await handler(nil) }
        case .wouldBlock:
            return nil
        }
    }

    @inlinable
    func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        let slot = ReceiveSlot<Element>()
        storage.machine.parkReceiver(
            Waiter(id: select.id, target: .select(select, caseIndex: caseIndex, slot: slot), offer: nil))
        return slot
    }

    @inlinable
    func removeLocked(_ id: WaiterID) { storage.machine.removeAll(id: id) }

    @inlinable
    nonisolated(nonsending) func finish(closed: Bool, slot: AnyObject?) async throws -> Result {
        if closed { return try await handler(nil) }
        guard let slot, let value = unsafeDowncast(slot, to: ReceiveSlot<Element>.self).take() else {
            preconditionFailure("a chosen receive case has its value in its slot")
        }
        return try await handler(value)
    }
}

@usableFromInline
struct SendClause<Element: Sendable, Result>: SelectClause {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let value: Element
    @usableFromInline let handler: nonisolated(nonsending) () async throws -> Result

    @inlinable
    init(storage: ChannelStorage<Element>, value: Element, handler: nonisolated(nonsending) @escaping () async throws -> Result) {
        self.storage = storage
        self.value = value
        self.handler = handler
    }

    @inlinable var channelIdentity: ObjectIdentifier { ObjectIdentifier(storage) }
    @inlinable func lockChannel() { storage.lockForSelect() }
    @inlinable func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)? {
        let handler = self.handler
        switch storage.machine.send(value) {
        case .buffered:
            return handler
        case .resumeReceiver(let receiver, let value):
            return {
                receiver.resume(.value(value))
                return try await handler()
            }
        case .trapSendOnClosed:
            return { Trap.sendOnClosedChannel() }
        case .wouldBlock:
            return nil
        }
    }

    @inlinable
    func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        storage.machine.parkSender(
            Waiter(id: select.id, target: .select(select, caseIndex: caseIndex, slot: nil), offer: value))
        return nil
    }

    @inlinable
    func removeLocked(_ id: WaiterID) { storage.machine.removeAll(id: id) }

    @inlinable
    nonisolated(nonsending) func finish(closed: Bool, slot: AnyObject?) async throws -> Result {
        if closed { Trap.sendOnClosedChannel() }
        return try await handler()
    }
}
