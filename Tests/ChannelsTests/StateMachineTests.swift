// Synchronous tests of the channel state machine: one per event and state, with fake waiters,
// no tasks and no locks.
import Testing
@testable import Channels

/// A waiter whose claim the test controls: `stale` plays a select already won elsewhere.
private final class FakeWaiter: ChannelWaiter {
    let id: WaiterID
    let offer: Int?
    let stale: Bool
    private(set) var claims = 0

    init(id: WaiterID, offer: Int? = nil, stale: Bool = false) {
        self.id = id
        self.offer = offer
        self.stale = stale
    }

    var offeredValue: Int { offer! }

    var isClaimable: Bool { !stale }

    func claim() -> Bool {
        claims += 1
        return !stale
    }
}

private typealias Machine = ChannelStateMachine<FakeWaiter>

@Suite("Channel state machine")
struct StateMachineTests {
    // MARK: send

    @Test func sendOnClosedChannelAsksForTheTrap() {
        // Given a closed channel
        var machine = Machine(capacity: 1)
        _ = machine.close()
        // When a value is sent, Then the action is Go's panic and nothing is buffered
        guard case .trapSendOnClosed = machine.send(1) else { Issue.record("expected trap"); return }
        #expect(machine.buffer.isEmpty)
    }

    @Test func sendHandsTheValueToAParkedReceiver() {
        var machine = Machine(capacity: 0)
        let receiver = FakeWaiter(id: 1)
        machine.parkReceiver(receiver)
        guard case .resumeReceiver(let woken, let value) = machine.send(7) else {
            Issue.record("expected a direct hand-off"); return
        }
        #expect(woken === receiver)
        #expect(value == 7)
        #expect(machine.receivers.isEmpty)
    }

    @Test func sendToBufferedChannelWithParkedReceiverBypassesTheBuffer() {
        var machine = Machine(capacity: 3)
        machine.parkReceiver(FakeWaiter(id: 1))
        guard case .resumeReceiver = machine.send(7) else { Issue.record("expected hand-off"); return }
        #expect(machine.buffer.isEmpty)
    }

    @Test func sendSkipsStaleSelectReceivers() {
        var machine = Machine(capacity: 0)
        let stale = FakeWaiter(id: 1, stale: true)
        let live = FakeWaiter(id: 2)
        machine.parkReceiver(stale)
        machine.parkReceiver(live)
        guard case .resumeReceiver(let woken, _) = machine.send(7) else { Issue.record("expected hand-off"); return }
        #expect(woken === live)
        #expect(stale.claims == 1)
        #expect(machine.receivers.isEmpty)
    }

    @Test func sendWithOnlyStaleReceiversBlocksOnUnbufferedChannel() {
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 1, stale: true))
        guard case .wouldBlock = machine.send(7) else { Issue.record("expected wouldBlock"); return }
        #expect(machine.receivers.isEmpty, "the stale waiter is dropped on the way")
    }

    @Test func sendBuffersWhileThereIsRoom() {
        var machine = Machine(capacity: 2)
        guard case .buffered = machine.send(1), case .buffered = machine.send(2) else {
            Issue.record("expected two buffered sends"); return
        }
        #expect(Array(machine.buffer) == [1, 2])
    }

    @Test func sendToFullBufferWouldBlock() {
        var machine = Machine(capacity: 1)
        _ = machine.send(1)
        guard case .wouldBlock = machine.send(2) else { Issue.record("expected wouldBlock"); return }
        #expect(Array(machine.buffer) == [1])
    }

    @Test func sendToUnbufferedChannelWithoutReceiverWouldBlock() {
        var machine = Machine(capacity: 0)
        guard case .wouldBlock = machine.send(1) else { Issue.record("expected wouldBlock"); return }
        #expect(machine.buffer.isEmpty)
    }

    @Test func parkedSendersQueueInOrder() {
        var machine = Machine(capacity: 0)
        machine.parkSender(FakeWaiter(id: 1, offer: 10))
        machine.parkSender(FakeWaiter(id: 2, offer: 20))
        #expect(machine.senders.map(\.id) == [1, 2])
    }

    // MARK: receive

    @Test func receiveTakesTheOldestBufferedValue() {
        var machine = Machine(capacity: 2)
        _ = machine.send(1)
        _ = machine.send(2)
        guard case .received(1) = machine.receive() else { Issue.record("expected 1"); return }
        #expect(Array(machine.buffer) == [2])
    }

    @Test func receiveFromFullBufferMovesTheOldestSenderIn() {
        // Given a full buffer [1] and a parked sender offering 2
        var machine = Machine(capacity: 1)
        _ = machine.send(1)
        let sender = FakeWaiter(id: 9, offer: 2)
        machine.parkSender(sender)
        // When receiving, Then 1 comes out, 2 takes its place, and the sender is woken
        guard case .receivedResumingSender(1, let woken) = machine.receive() else {
            Issue.record("expected 1 and a woken sender"); return
        }
        #expect(woken === sender)
        #expect(Array(machine.buffer) == [2])
        #expect(machine.senders.isEmpty)
    }

    @Test func receiveFromUnbufferedChannelTakesFromTheParkedSender() {
        var machine = Machine(capacity: 0)
        let sender = FakeWaiter(id: 3, offer: 42)
        machine.parkSender(sender)
        guard case .receivedResumingSender(42, let woken) = machine.receive() else {
            Issue.record("expected 42"); return
        }
        #expect(woken === sender)
    }

    @Test func receiveSkipsStaleSelectSenders() {
        var machine = Machine(capacity: 0)
        machine.parkSender(FakeWaiter(id: 1, offer: 1, stale: true))
        machine.parkSender(FakeWaiter(id: 2, offer: 2))
        guard case .receivedResumingSender(2, _) = machine.receive() else { Issue.record("expected 2"); return }
        #expect(machine.senders.isEmpty)
    }

    @Test func receiveFromEmptyOpenChannelWouldBlock() {
        var machine = Machine(capacity: 4)
        guard case .wouldBlock = machine.receive() else { Issue.record("expected wouldBlock"); return }
    }

    @Test func receiveDrainsBufferedValuesAfterClose() {
        var machine = Machine(capacity: 2)
        _ = machine.send(1)
        _ = machine.send(2)
        _ = machine.close()
        guard case .received(1) = machine.receive(), case .received(2) = machine.receive(),
              case .closed = machine.receive() else {
            Issue.record("expected 1, 2, then closed"); return
        }
    }

    @Test func receiveFromClosedEmptyChannelReportsClosed() {
        var machine = Machine(capacity: 0)
        _ = machine.close()
        guard case .closed = machine.receive() else { Issue.record("expected closed"); return }
    }

    // MARK: close

    @Test func closeWakesEveryParkedReceiver() {
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 1))
        machine.parkReceiver(FakeWaiter(id: 2))
        guard case .resumeAll(let receivers, let senders) = machine.close() else {
            Issue.record("expected wake-ups"); return
        }
        #expect(receivers.map(\.id) == [1, 2])
        #expect(senders.isEmpty)
        #expect(machine.receivers.isEmpty && machine.isClosed)
    }

    @Test func closeWakesParkedSendersSoTheyTrap() {
        var machine = Machine(capacity: 0)
        machine.parkSender(FakeWaiter(id: 1, offer: 1))
        guard case .resumeAll(let receivers, let senders) = machine.close() else {
            Issue.record("expected wake-ups"); return
        }
        #expect(receivers.isEmpty)
        #expect(senders.map(\.id) == [1])
        #expect(machine.senders.isEmpty)
    }

    @Test func closeSkipsStaleSelectWaiters() {
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 1, stale: true))
        machine.parkReceiver(FakeWaiter(id: 2))
        guard case .resumeAll(let receivers, _) = machine.close() else { Issue.record("expected wake-ups"); return }
        #expect(receivers.map(\.id) == [2])
        #expect(machine.receivers.isEmpty)
    }

    @Test func closeKeepsBufferedValues() {
        var machine = Machine(capacity: 2)
        _ = machine.send(5)
        _ = machine.close()
        #expect(Array(machine.buffer) == [5])
    }

    @Test func closeOfClosedChannelAsksForTheTrap() {
        var machine = Machine(capacity: 0)
        _ = machine.close()
        guard case .trapCloseOfClosed = machine.close() else { Issue.record("expected trap"); return }
    }

    // MARK: cancellation and select clean-up

    @Test func removeReceiverTakesAParkedReceiverOut() {
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 1))
        machine.parkReceiver(FakeWaiter(id: 2))
        #expect(machine.removeReceiver(id: 1)?.id == 1)
        #expect(machine.receivers.map(\.id) == [2])
    }

    @Test func removeReceiverAfterAnEventTookItFindsNothing() {
        // The race a cancellation handler loses: the send already took the waiter.
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 1))
        _ = machine.send(3)
        #expect(machine.removeReceiver(id: 1) == nil)
    }

    @Test func removeSenderTakesAParkedSenderOut() {
        var machine = Machine(capacity: 0)
        machine.parkSender(FakeWaiter(id: 1, offer: 1))
        #expect(machine.removeSender(id: 1)?.id == 1)
        #expect(machine.removeSender(id: 1) == nil)
        #expect(machine.senders.isEmpty)
    }

    @Test func removalTakesOnlyTheNamedWaiterFromEachQueue() {
        // A select with a send and a receive case on the same channel parks on both queues;
        // pass 3 removes each case's waiter by its select's id.
        var machine = Machine(capacity: 0)
        machine.parkReceiver(FakeWaiter(id: 7))
        machine.parkSender(FakeWaiter(id: 7, offer: 1))
        machine.parkReceiver(FakeWaiter(id: 8))
        #expect(machine.removeReceiver(id: 7)?.id == 7)
        #expect(machine.removeSender(id: 7)?.id == 7)
        #expect(machine.receivers.map(\.id) == [8])
        #expect(machine.senders.isEmpty)
    }

    @Test func drainBufferEmptiesAPendingTimerValue() {
        var machine = Machine(capacity: 1)
        #expect(machine.drainBuffer() == false)
        _ = machine.send(1)
        #expect(machine.drainBuffer() == true)
        #expect(machine.buffer.isEmpty)
    }

    @Test(arguments: [0, 1, 2, 5])
    func fifoOrderAcrossEveryCapacity(capacity: Int) {
        // Senders park once the buffer is full; receives then come out in send order, whether
        // a value sat in the buffer or came straight from a parked sender.
        var machine = Machine(capacity: capacity)
        var next = 0
        for _ in 0..<(capacity + 3) {
            if case .wouldBlock = machine.send(next) {
                machine.parkSender(FakeWaiter(id: WaiterID(next + 100), offer: next))
            }
            next += 1
        }
        var received: [Int] = []
        while true {
            switch machine.receive() {
            case .received(let value), .receivedResumingSender(let value, _):
                received.append(value)
                continue
            case .wouldBlock, .closed:
                break
            }
            break
        }
        #expect(received == Array(0..<next))
    }
}
