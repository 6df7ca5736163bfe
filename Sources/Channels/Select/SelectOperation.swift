/// The type-erased face of a receive or send case, as the select runtime drives it.
/// Every `…Locked` method runs while the select holds this case's channel lock.
///
/// A class rather than a protocol existential: an `any P<Result>` existential needs extended
/// existential metadata, which the runtime resolves by demangling on every select (measured as
/// most of the cost of a ready select), while a generic class's metadata is cached.
@usableFromInline
class SelectOperation<Result> {
    /// The channel's storage, for the goroutine dump.
    @usableFromInline let channel: AnyObject

    @usableFromInline
    init(channel: AnyObject) {
        self.channel = channel
    }

    @usableFromInline func lockChannel() { preconditionFailure("SelectOperation is abstract") }
    @usableFromInline func unlockChannel() { preconditionFailure("SelectOperation is abstract") }

    /// Pass 1, with every lock of the select held: if the case can complete now, performs its
    /// channel operation, releases every lock with `unlockAll`, and only then wakes the
    /// counterpart and runs the handler, returning what it returns. Returns nil, the locks still
    /// held, if the case cannot complete now. What the operation took stays in this call's
    /// frame: an operation object stores nothing of it, so that its `deinit`, which runs
    /// unspecialized, destroys no field whose type would have to be instantiated.
    @usableFromInline
    nonisolated(nonsending) func commitIfReady(unlockingWith unlockAll: () -> Void) async throws -> Result? {
        preconditionFailure("SelectOperation is abstract")
    }

    /// Whether `commitIfReady` would complete now, without doing it (the locks are held).
    @usableFromInline
    func isReadyLocked() -> Bool { preconditionFailure("SelectOperation is abstract") }

    /// Pass 2: park this case on its channel.
    @usableFromInline
    func parkLocked(_ select: SelectWaiter, caseIndex: Int) { preconditionFailure("SelectOperation is abstract") }

    /// Pass 3: take this case's waiter off the channel, if no event took it.
    @usableFromInline
    func removeLocked(_ id: WaiterID) { preconditionFailure("SelectOperation is abstract") }

    /// After the select woke on this case: run the handler with what the channel delivered,
    /// which a receive case finds with `select`.
    @usableFromInline
    nonisolated(nonsending) func finishParked(_ select: SelectWaiter, closed: Bool) async throws -> Result {
        preconditionFailure("SelectOperation is abstract")
    }
}

// An operation object belongs to one select call and is touched only by the task running it (the
// channel events that wake a parked select reach its `SelectWaiter`, never the operation).

@usableFromInline
final class SelectReceive<Element: Sendable, Result>: SelectOperation<Result> {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let handler: nonisolated(nonsending) (Element?) async throws -> Result

    @inlinable
    init(storage: ChannelStorage<Element>, handler: nonisolated(nonsending) @escaping (Element?) async throws -> Result) {
        self.storage = storage
        self.handler = handler
        commitEntry = { try await $0.commitSpecialized(unlockingWith: $1) }
        readyEntry = { $0.storage.machine.canReceiveWithoutWaiting }
        parkEntry = { $0.parkSpecialized($1, caseIndex: $2) }
        removeEntry = { $0.removeSpecialized($1) }
        finishParkedEntry = { try await $0.finishParkedSpecialized($1, closed: $2) }
        super.init(channel: storage)
    }

    // Entry points compiled where the operation is made (`receive(from:)`/`send(_:to:)` are
    // inlinable), so they are specialized for the concrete element and result types. Calling
    // the generic methods through the class's vtable instead ran unspecialized code that looked
    // up generic metadata dozens of times per select.
    @usableFromInline let commitEntry: nonisolated(nonsending) (SelectReceive, () -> Void) async throws -> Result?
    @usableFromInline let readyEntry: (SelectReceive) -> Bool
    @usableFromInline let parkEntry: (SelectReceive, SelectWaiter, Int) -> Void
    @usableFromInline let removeEntry: (SelectReceive, WaiterID) -> Void
    @usableFromInline let finishParkedEntry: nonisolated(nonsending) (SelectReceive, SelectWaiter, Bool) async throws -> Result

    @inlinable
    nonisolated(nonsending) override func commitIfReady(unlockingWith unlockAll: () -> Void) async throws -> Result? {
        try await commitEntry(self, unlockAll)
    }

    @inlinable override func isReadyLocked() -> Bool { readyEntry(self) }

    @inlinable override func parkLocked(_ select: SelectWaiter, caseIndex: Int) {
        parkEntry(self, select, caseIndex)
    }

    @inlinable override func removeLocked(_ id: WaiterID) { removeEntry(self, id) }

    @inlinable
    nonisolated(nonsending) override func finishParked(_ select: SelectWaiter, closed: Bool) async throws -> Result {
        try await finishParkedEntry(self, select, closed)
    }

    @inlinable override func lockChannel() { storage.lockForSelect() }
    @inlinable override func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    nonisolated(nonsending) final func commitSpecialized(unlockingWith unlockAll: () -> Void) async throws -> Result? {
        switch storage.machine.receive() {
        case .received(let value):
            unlockAll()
            return try await handler(value)
        case .receivedResumingSender(let value, let sender):
            unlockAll()
            sender.resume(.sent)
            return try await handler(value)
        case .closed:
            unlockAll()
            return try await handler(nil)
        case .wouldBlock:
            return nil
        }
    }

    @inlinable
    final func parkSpecialized(_ select: SelectWaiter, caseIndex: Int) {
        storage.machine.parkReceiver(Waiter(id: select.id, target: .select(select, caseIndex: caseIndex), offer: nil))
    }

    @inlinable
    final func removeSpecialized(_ id: WaiterID) { _ = storage.machine.removeReceiver(id: id) }

    @inlinable
    nonisolated(nonsending) final func finishParkedSpecialized(_ select: SelectWaiter, closed: Bool) async throws -> Result {
        if closed { return try await handler(nil) }
        guard let received = select.takeReceived() else {
            preconditionFailure("a chosen receive case finds its value with the select")
        }
        return try await handler((received as! Element))
    }
}

@usableFromInline
final class SelectSend<Element: Sendable, Result>: SelectOperation<Result> {
    @usableFromInline let storage: ChannelStorage<Element>
    @usableFromInline let value: Element
    @usableFromInline let site: CallSite     // the case's line, for the panic of a send on a closed channel
    @usableFromInline let handler: nonisolated(nonsending) () async throws -> Result

    @inlinable
    init(
        storage: ChannelStorage<Element>, value: Element, site: CallSite,
        handler: nonisolated(nonsending) @escaping () async throws -> Result
    ) {
        self.storage = storage
        self.value = value
        self.site = site
        self.handler = handler
        commitEntry = { try await $0.commitSpecialized(unlockingWith: $1) }
        readyEntry = { $0.storage.machine.canSendWithoutWaiting }
        parkEntry = { $0.parkSpecialized($1, caseIndex: $2) }
        removeEntry = { $0.removeSpecialized($1) }
        finishParkedEntry = { try await $0.finishParkedSpecialized($1, closed: $2) }
        super.init(channel: storage)
    }

    // See `SelectReceive` for why these entry points.
    @usableFromInline let commitEntry: nonisolated(nonsending) (SelectSend, () -> Void) async throws -> Result?
    @usableFromInline let readyEntry: (SelectSend) -> Bool
    @usableFromInline let parkEntry: (SelectSend, SelectWaiter, Int) -> Void
    @usableFromInline let removeEntry: (SelectSend, WaiterID) -> Void
    @usableFromInline let finishParkedEntry: nonisolated(nonsending) (SelectSend, SelectWaiter, Bool) async throws -> Result

    @inlinable
    nonisolated(nonsending) override func commitIfReady(unlockingWith unlockAll: () -> Void) async throws -> Result? {
        try await commitEntry(self, unlockAll)
    }

    @inlinable override func isReadyLocked() -> Bool { readyEntry(self) }

    @inlinable override func parkLocked(_ select: SelectWaiter, caseIndex: Int) {
        parkEntry(self, select, caseIndex)
    }

    @inlinable override func removeLocked(_ id: WaiterID) { removeEntry(self, id) }

    @inlinable
    nonisolated(nonsending) override func finishParked(_ select: SelectWaiter, closed: Bool) async throws -> Result {
        try await finishParkedEntry(self, select, closed)
    }

    @inlinable override func lockChannel() { storage.lockForSelect() }
    @inlinable override func unlockChannel() { storage.unlockForSelect() }

    @inlinable
    nonisolated(nonsending) final func commitSpecialized(unlockingWith unlockAll: () -> Void) async throws -> Result? {
        switch storage.machine.send(value) {
        case .buffered:
            unlockAll()
            return try await handler()
        case .resumeReceiver(let receiver, let value):
            unlockAll()
            receiver.resume(.value(value))
            return try await handler()
        case .trapSendOnClosed:
            unlockAll()
            Trap.sendOnClosedChannel(at: site)
        case .wouldBlock:
            return nil
        }
    }

    @inlinable
    final func parkSpecialized(_ select: SelectWaiter, caseIndex: Int) {
        storage.machine.parkSender(Waiter(id: select.id, target: .select(select, caseIndex: caseIndex), offer: value))
    }

    @inlinable
    final func removeSpecialized(_ id: WaiterID) { _ = storage.machine.removeSender(id: id) }

    @inlinable
    nonisolated(nonsending) final func finishParkedSpecialized(_ select: SelectWaiter, closed: Bool) async throws -> Result {
        if closed { Trap.sendOnClosedChannel(at: site) }
        return try await handler()
    }
}

extension SelectCase: ChannelOwningCase {
    @usableFromInline var waitedChannel: AnyObject? {
        if case .channel(let operation) = kind { return operation.channel }
        return nil
    }
}

/// A select case's channel, if it has one, for the dump.
@usableFromInline
protocol ChannelOwningCase {
    var waitedChannel: AnyObject? { get }
}

extension Array: SelectCaseChannels where Element: ChannelOwningCase {
    @usableFromInline var waitedChannels: [AnyObject] { compactMap { $0.waitedChannel } }
}
