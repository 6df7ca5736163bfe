/// The type-erased face of a receive or send case, as the select runtime drives it.
/// Every `…Locked` method runs while the select holds this case's channel lock.
///
/// A class rather than a protocol existential: an `any P<Result>` existential needs extended
/// existential metadata, which the runtime resolves by demangling on every select (measured as
/// most of the cost of a ready select), while a generic class's metadata is cached.
@usableFromInline
class SelectClause<Result> {
    /// The channel's identity: the select locks channels in this order and each one once.
    @usableFromInline let channelIdentity: ObjectIdentifier
    /// The channel's storage, for the goroutine dump.
    @usableFromInline let channel: AnyObject

    @usableFromInline
    init(channel: AnyObject) {
        self.channel = channel
        self.channelIdentity = ObjectIdentifier(channel)
    }

    @usableFromInline func lockChannel() { preconditionFailure("SelectClause is abstract") }
    @usableFromInline func unlockChannel() { preconditionFailure("SelectClause is abstract") }

    /// Pass 1: if the case can complete now, commit it and return what remains to do after
    /// every lock is released (wake the counterpart, run the handler). Nil if not ready.
    @usableFromInline
    func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)? {
        preconditionFailure("SelectClause is abstract")
    }

    /// Pass 2: park this case on its channel. Returns the slot a receive case's value will be
    /// left in.
    @usableFromInline
    func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        preconditionFailure("SelectClause is abstract")
    }

    /// Pass 3: take this case's waiter off the channel, if no event took it.
    @usableFromInline
    func removeLocked(_ id: WaiterID) { preconditionFailure("SelectClause is abstract") }

    /// After the select woke on this case: run the handler with what the channel delivered.
    @usableFromInline
    nonisolated(nonsending) func finish(closed: Bool, slot: AnyObject?) async throws -> Result {
        preconditionFailure("SelectClause is abstract")
    }
}

@usableFromInline
final class ReceiveClause<Element: Sendable, Result>: SelectClause<Result> {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let handler: nonisolated(nonsending) (Element?) async throws -> Result

    @inlinable
    init(storage: ChannelStorage<Element>, handler: nonisolated(nonsending) @escaping (Element?) async throws -> Result) {
        self.storage = storage
        self.handler = handler
        commitEntry = { $0.commitSpecialized() }
        parkEntry = { $0.parkSpecialized($1, caseIndex: $2) }
        removeEntry = { $0.removeSpecialized($1) }
        finishEntry = { try await $0.finishSpecialized(closed: $1, slot: $2) }
        super.init(channel: storage)
    }

    // Entry points compiled where the clause is made (`receive(from:)`/`send(_:to:)` are
    // inlinable), so they are specialized for the concrete element and result types. Calling
    // the generic methods through the class's vtable instead ran unspecialized code that looked
    // up generic metadata dozens of times per select.
    @usableFromInline let commitEntry: (ReceiveClause) -> (nonisolated(nonsending) () async throws -> Result)?
    @usableFromInline let parkEntry: (ReceiveClause, SelectWaiter, Int) -> AnyObject?
    @usableFromInline let removeEntry: (ReceiveClause, WaiterID) -> Void
    @usableFromInline let finishEntry: nonisolated(nonsending) (ReceiveClause, Bool, AnyObject?) async throws -> Result

    @inlinable override func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)? {
        commitEntry(self)
    }

    @inlinable override func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        parkEntry(self, select, caseIndex)
    }

    @inlinable override func removeLocked(_ id: WaiterID) { removeEntry(self, id) }

    @inlinable
    nonisolated(nonsending) override func finish(closed: Bool, slot: AnyObject?) async throws -> Result {
        try await finishEntry(self, closed, slot)
    }

    @inlinable override func lockChannel() { storage.lockForSelect() }
    @inlinable override func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    final func commitSpecialized() -> (nonisolated(nonsending) () async throws -> Result)? {
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
    final func parkSpecialized(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        let slot = ReceiveSlot<Element>()
        storage.machine.parkReceiver(
            Waiter(id: select.id, target: .select(select, caseIndex: caseIndex, slot: slot), offer: nil))
        return slot
    }

    @inlinable
    final func removeSpecialized(_ id: WaiterID) { _ = storage.machine.removeReceiver(id: id) }

    @inlinable
    nonisolated(nonsending) final func finishSpecialized(closed: Bool, slot: AnyObject?) async throws -> Result {
        if closed { return try await handler(nil) }
        guard let slot, let value = unsafeDowncast(slot, to: ReceiveSlot<Element>.self).take() else {
            preconditionFailure("a chosen receive case has its value in its slot")
        }
        return try await handler(value)
    }
}

@usableFromInline
final class SendClause<Element: Sendable, Result>: SelectClause<Result> {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let value: Element
    @usableFromInline let handler: nonisolated(nonsending) () async throws -> Result

    @inlinable
    init(storage: ChannelStorage<Element>, value: Element, handler: nonisolated(nonsending) @escaping () async throws -> Result) {
        self.storage = storage
        self.value = value
        self.handler = handler
        commitEntry = { $0.commitSpecialized() }
        parkEntry = { $0.parkSpecialized($1, caseIndex: $2) }
        removeEntry = { $0.removeSpecialized($1) }
        finishEntry = { try await $0.finishSpecialized(closed: $1, slot: $2) }
        super.init(channel: storage)
    }

    // Entry points compiled where the clause is made (`receive(from:)`/`send(_:to:)` are
    // inlinable), so they are specialized for the concrete element and result types. Calling
    // the generic methods through the class's vtable instead ran unspecialized code that looked
    // up generic metadata dozens of times per select.
    @usableFromInline let commitEntry: (SendClause) -> (nonisolated(nonsending) () async throws -> Result)?
    @usableFromInline let parkEntry: (SendClause, SelectWaiter, Int) -> AnyObject?
    @usableFromInline let removeEntry: (SendClause, WaiterID) -> Void
    @usableFromInline let finishEntry: nonisolated(nonsending) (SendClause, Bool, AnyObject?) async throws -> Result

    @inlinable override func commitIfReadyLocked() -> (nonisolated(nonsending) () async throws -> Result)? {
        commitEntry(self)
    }

    @inlinable override func parkLocked(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        parkEntry(self, select, caseIndex)
    }

    @inlinable override func removeLocked(_ id: WaiterID) { removeEntry(self, id) }

    @inlinable
    nonisolated(nonsending) override func finish(closed: Bool, slot: AnyObject?) async throws -> Result {
        try await finishEntry(self, closed, slot)
    }

    @inlinable override func lockChannel() { storage.lockForSelect() }
    @inlinable override func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    final func commitSpecialized() -> (nonisolated(nonsending) () async throws -> Result)? {
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
    final func parkSpecialized(_ select: SelectWaiter, caseIndex: Int) -> AnyObject? {
        storage.machine.parkSender(
            Waiter(id: select.id, target: .select(select, caseIndex: caseIndex, slot: nil), offer: value))
        return nil
    }

    @inlinable
    final func removeSpecialized(_ id: WaiterID) { _ = storage.machine.removeSender(id: id) }

    @inlinable
    nonisolated(nonsending) final func finishSpecialized(closed: Bool, slot: AnyObject?) async throws -> Result {
        if closed { Trap.sendOnClosedChannel() }
        return try await handler()
    }
}

extension SelectClause: ChannelOwningClause {
    @usableFromInline var waitedChannel: AnyObject { channel }
}

/// A select case's channel, for the dump.
@usableFromInline
protocol ChannelOwningClause {
    var waitedChannel: AnyObject { get }
}

extension Array: SelectCaseChannels where Element: ChannelOwningClause {
    @usableFromInline var waitedChannels: [AnyObject] { map { $0.waitedChannel } }
}
