// Port of Go's test/chan/nonblock.go (Go 1.23).
// Checks non-blocking sends and receives (a select with `otherwise`) on unbuffered and
// one-slot channels, with elements of several types and sizes.

import Channels
import Testing

@Suite("Go test/chan/nonblock.go", .timeLimit(.minutes(1)))
struct NonblockTests {
    @Test("non-blocking operations on Int32 channels", arguments: [0, 1])
    func int32Channels(buffer: Int) async throws {
        try await exerciseNonBlocking(Int32.self, buffer: buffer, toReceiver: 123, fromSender: 234)
    }

    @Test("non-blocking operations on Int64 channels", arguments: [0, 1])
    func int64Channels(buffer: Int) async throws {
        try await exerciseNonBlocking(Int64.self, buffer: buffer, toReceiver: 123_456, fromSender: 234_567)
    }

    @Test("non-blocking operations on Bool channels", arguments: [0, 1])
    func boolChannels(buffer: Int) async throws {
        try await exerciseNonBlocking(Bool.self, buffer: buffer, toReceiver: true, fromSender: true)
    }

    @Test("non-blocking operations on String channels", arguments: [0, 1])
    func stringChannels(buffer: Int) async throws {
        try await exerciseNonBlocking(String.self, buffer: buffer, toReceiver: "hello", fromSender: "hello again")
    }
}

/// The body Go repeats for each element type:
/// 1. a non-blocking receive on the fresh, empty channel takes `otherwise`;
/// 2. with a goroutine waiting to receive, a non-blocking send eventually succeeds and the
///    goroutine gets the value;
/// 3. with a goroutine sending, a non-blocking receive eventually succeeds with its value.
///
/// Go retries each non-blocking operation, sleeping in between, until the other goroutine has
/// got far enough. We need no retries: with a one-slot buffer the buffer makes the operation
/// ready at once, and unbuffered we first wait (through the package's parking hook) until the
/// other goroutine is parked on the channel. Either way the first try must succeed.
private func exerciseNonBlocking<T: Sendable & Equatable>(
    _: T.Type, buffer: Int, toReceiver: T, fromSender: T,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let c = Chan<T>(capacity: buffer)

    // 1. Nothing to receive yet.
    let blocked = try await select {
        receive(from: c) { _ in false }
        otherwise { true }
    }
    #expect(blocked, "a receive from an empty channel did not take otherwise", sourceLocation: sourceLocation)

    // 2. A parked receiver (or, buffered, a free slot) lets a non-blocking send through.
    let report = Chan<T>()
    go {
        if let v = try await c.receive() {
            try await report.send(v)
        } else {
            report.close()
        }
    }
    if buffer == 0 {
        await c.waitForParkedReceivers(1, sourceLocation: sourceLocation)
    }
    let sentAtOnce = try await select {
        send(toReceiver, to: c) { true }
        otherwise { false }
    }
    try #require(sentAtOnce, "a non-blocking send found no room and no receiver", sourceLocation: sourceLocation)
    #expect(try await report.receive() == toReceiver, sourceLocation: sourceLocation)

    // 3. A parked sender (or, buffered, a value in the slot) lets a non-blocking receive through.
    let sent = Chan<Bool>()
    go {
        try await c.send(fromSender)
        try await sent.send(true)
    }
    if buffer > 0 {
        // The value is in the buffer once the sender says it is done.
        _ = try await sent.receive()
    } else {
        await c.waitForParkedSenders(1, sourceLocation: sourceLocation)
    }
    let received = try await select {
        receive(from: c) { v in v }
        otherwise { T?.none }
    }
    #expect(received == fromSender, "a non-blocking receive found no value and no sender", sourceLocation: sourceLocation)
    if buffer == 0 {
        _ = try await sent.receive()
    }
    #expect(c.count == 0, sourceLocation: sourceLocation)
}
