// Port of Go's test/chan/select7.go (Go 1.23).
// Checks every pairing of three ways to send (plain, one-case select, two-case select) with
// three ways to receive and throw the value away (plain, one-case select, two-case select).

import Channels
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
    @Test("a value discarded by the receiver still completes the rendezvous")
    func everySenderWithEveryReceiver() async throws {
        for receiver in Receiver.allCases {
            for sender in Sender.allCases {
                let c = Chan<Int>()
                let finished = Chan<Bool>(capacity: 1)
                go {
                    try await receiver.run(c.receiveOnly)
                    try await finished.send(true)
                }
                // Go calls runtime.Gosched here so that the receiver is usually parked first;
                // a yield is our nearest equivalent. Either order must work.
                await Task.yield()
                try await sender.run(c)
                let done = try await finished.receive()
                #expect(done == true, "\(sender.rawValue) send to \(receiver.rawValue) receive")
                #expect(c.tryReceive() == .wouldBlock, "\(sender.rawValue) send to \(receiver.rawValue) receive")
            }
        }
    }
}
