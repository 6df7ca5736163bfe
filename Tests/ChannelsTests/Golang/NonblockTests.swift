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
/// With a one-slot buffer the buffer makes steps 2 and 3 succeed on the first try, and we check
/// that. Unbuffered, a non-blocking operation succeeds only once the other goroutine is parked,
/// and nothing public tells us when that is, so like Go we retry; unlike Go we do not sleep
/// between tries but yield (see `retryUntilReady`).
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

    // 2. A parked (or soon parked) receiver lets a non-blocking send through.
    let report = Chan<T>()
    go {
        if let v = try await c.receive() {
            try await report.send(v)
        } else {
            report.close()
        }
    }
    let sendTries = try await retryUntilReady("non-blocking send to a waiting receiver", sourceLocation: sourceLocation) {
        try await select {
            send(toReceiver, to: c) { true }
            otherwise { false }
        }
    }
    if buffer > 0 {
        #expect(sendTries == 1, "a send into an empty buffer had to wait", sourceLocation: sourceLocation)
    }
    #expect(try await report.receive() == toReceiver, sourceLocation: sourceLocation)

    // 3. A parked (or already buffered) sender lets a non-blocking receive through.
    let sent = Chan<Bool>()
    go {
        try await c.send(fromSender)
        try await sent.send(true)
    }
    if buffer > 0 {
        // The value is in the buffer once the sender says it is done.
        _ = try await sent.receive()
    }
    var received: T?
    let receiveTries = try await retryUntilReady("non-blocking receive from a waiting sender", sourceLocation: sourceLocation) {
        try await select {
            receive(from: c) { v in
                received = v
                return true
            }
            otherwise { false }
        }
    }
    if buffer > 0 {
        #expect(receiveTries == 1, "a receive from a full buffer had to wait", sourceLocation: sourceLocation)
    }
    #expect(received == fromSender, sourceLocation: sourceLocation)
    if buffer == 0 {
        _ = try await sent.receive()
    }
    #expect(c.count == 0, sourceLocation: sourceLocation)
}

/// Runs `attempt` until it reports success and returns how many tries that took (nil, with an
/// issue recorded, if it never did).
///
/// Go sleeps between tries. Sleeping is a guess about timing; we yield instead, so the other
/// goroutine gets the processor, and give up only after a deadline far beyond anything a loaded
/// machine needs. The deadline only bounds a broken run: a correct run never depends on it.
private func retryUntilReady(
    _ what: Comment, sourceLocation: SourceLocation,
    _ attempt: () async throws -> Bool
) async throws -> Int? {
    let deadline = ContinuousClock.now + .seconds(30)
    var tries = 0
    while true {
        tries += 1
        if try await attempt() {
            return tries
        }
        if ContinuousClock.now > deadline {
            Issue.record("\(what) never succeeded (\(tries) tries)", sourceLocation: sourceLocation)
            return nil
        }
        await Task.yield()
    }
}
