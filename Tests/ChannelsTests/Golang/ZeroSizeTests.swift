// Port of Go's test/chan/zerosize.go (Go 1.23).
// Checks channels whose element type takes no memory, unbuffered and buffered.
//
// Go only makes the channels; we also pass values through them, since an element of size zero
// is an edge case for a ring buffer and for a value handed over directly.

import Channels
import Testing

/// Swift's counterpart of Go's `struct{}`.
private struct Empty: Sendable, Equatable {}

@Suite("Go test/chan/zerosize.go", .timeLimit(.minutes(1)))
struct ZeroSizeTests {
    @Test("the element types used here really have size zero")
    func elementsHaveNoSize() {
        #expect(MemoryLayout<Empty>.size == 0)
        #expect(MemoryLayout<Void>.size == 0)
    }

    @Test("channels of an empty struct work unbuffered and buffered")
    func emptyStructChannels() async throws {
        let unbuffered = Chan<Empty>()
        #expect(unbuffered.capacity == 0)
        go { try await unbuffered.send(Empty()) }
        #expect(try await unbuffered.receive() == Empty())

        let buffered = Chan<Empty>(capacity: 1)
        #expect(buffered.capacity == 1)
        #expect(buffered.trySend(Empty()) == .sent)
        #expect(buffered.trySend(Empty()) == .wouldBlock)
        #expect(buffered.count == 1)
        #expect(buffered.tryReceive() == .value(Empty()))
        #expect(buffered.tryReceive() == .wouldBlock)
        buffered.close()
        #expect(buffered.tryReceive() == .closed)
    }

    @Test("channels of Void work unbuffered and buffered")
    func voidChannels() async throws {
        let unbuffered = Chan<Void>()
        #expect(unbuffered.capacity == 0)
        go { try await unbuffered.send(()) }
        #expect(try await unbuffered.receive() != nil)

        // Several zero-size values in a buffer are still counted one by one.
        let buffered = Chan<Void>(capacity: 3)
        for _ in 0..<3 {
            try await buffered.send(())
        }
        #expect(buffered.count == 3)
        buffered.close()
        var received = 0
        for await _ in buffered {
            received += 1
        }
        #expect(received == 3)
    }
}
