// Port of Go's test/chan/select7.go (Go 1.23).
// Checks every pairing of three ways to send (plain, one-case select, two-case select) with
// three ways to receive and throw the value away (plain, one-case select, two-case select).

@_spi(Testing) import Channels
import Testing

/// A way to receive one value from a channel and discard it.
private enum Receiver: String, CaseIterable, Sendable {
    case plain, oneCaseSelect, twoCaseSelect

    func run(_ c: ReceiveChan<Int>) async throws {
        switch self {
        case .plain:
            _ = try await c.receive()
        case .oneCaseSelect:
            try await select {
                receive(from: c) { _ in }
            }
        case .twoCaseSelect:
            let c2 = Chan<Int>()
            try await select {
                receive(from: c) { _ in }
                receive(from: c2) { _ in }
            }
        }
    }
}

/// A way to send one value.
private enum Sender: String, CaseIterable, Sendable {
    case plain, oneCaseSelect, twoCaseSelect

    func run(_ c: Chan<Int>) async throws {
        switch self {
        case .plain:
            try await c.send(1)
        case .oneCaseSelect:
            try await select {
                send(1, to: c) {}
            }
        case .twoCaseSelect:
            let c2 = Chan<Int>()
            try await select {
                send(1, to: c) {}
                send(1, to: c2) {}
            }
        }
    }
}

@Suite("Go test/chan/select7.go", .timeLimit(.minutes(1)))
struct Select7Tests {
    /// Which side reaches the channel first.
    enum Arrival: String, CaseIterable, Sendable {
        case receiverFirst, senderFirst
    }

    // Go yields once (runtime.Gosched) after starting the receiver, hoping it parks first. We
    // run every pairing both ways round, and wait (through the package's parking hook) until
    // the side that goes first is really parked.
    @Test("a value thrown away by the receiver still completes the rendezvous", arguments: Arrival.allCases)
    func everySenderWithEveryReceiver(arrival: Arrival) async throws {
        for receiver in Receiver.allCases {
            for sender in Sender.allCases {
                let label: Comment = "\(sender.rawValue) send, \(receiver.rawValue) receive, \(arrival.rawValue)"
                let c = Chan<Int>()
                let finished = Chan<String>(capacity: 2)
                switch arrival {
                case .receiverFirst:
                    go {
                        try await receiver.run(c.receiveOnly)
                        try await finished.send("receiver")
                    }
                    await c.waitForParkedReceivers(1)
                    try await sender.run(c)
                    try await finished.send("sender")
                case .senderFirst:
                    go {
                        try await sender.run(c)
                        try await finished.send("sender")
                    }
                    await c.waitForParkedSenders(1)
                    try await receiver.run(c.receiveOnly)
                    try await finished.send("receiver")
                }
                var ended: Set<String> = []
                for _ in 0..<2 {
                    ended.insert(try #require(try await finished.receive(), label))
                }
                #expect(ended == ["sender", "receiver"], label)
                #expect(c.parkedSenderCount == 0 && c.parkedReceiverCount == 0, label)
                #expect(c.tryReceive() == .wouldBlock, label)
            }
        }
    }
}
