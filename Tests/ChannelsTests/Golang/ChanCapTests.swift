// Port of Go's test/chancap.go (Go 1.23).
// `count` and `capacity` (Go's len and cap) of buffered and unbuffered channels, and the trap
// for a capacity that cannot be made.
//
// Go also names the channel type (`type T chan int`) to show that len and cap work through a
// named type; a Swift typealias changes nothing, so the port uses `Chan<Int>` directly. Go's
// `make(T, int64(n))` repeats each size check with a 64-bit argument; Swift's initializer takes
// only `Int`, so there is one check per size. Go's 32-bit branch (sizes near 1<<31) has no
// counterpart on the 64-bit platforms this package supports.

import Channels
import Testing

@Suite("Go test/chancap.go", .timeLimit(.minutes(1)))
struct ChanCapTests {
    @Test("a buffered channel counts what it holds and keeps its capacity")
    func chancapBuffered() async throws {
        let c = Chan<Int>(capacity: 10)
        #expect(c.count == 0)
        #expect(c.capacity == 10)

        for i in 0..<3 {
            try await c.send(i)
        }
        #expect(c.count == 3)
        #expect(c.capacity == 10)
        // The directional views read the same channel.
        #expect(c.sendOnly.count == 3)
        #expect(c.receiveOnly.count == 3)
        #expect(c.sendOnly.capacity == 10)
        #expect(c.receiveOnly.capacity == 10)

        // Not in Go's test: receiving gives the room back.
        #expect(try await c.receive() == 0)
        #expect(c.count == 2)
        #expect(c.capacity == 10)
    }

    @Test("an unbuffered channel has count 0 and capacity 0")
    func chancapUnbuffered() {
        let c = Chan<Int>()
        #expect(c.count == 0)
        #expect(c.capacity == 0)

        let zero = Chan<Int>(capacity: 0)
        #expect(zero.count == 0)
        #expect(zero.capacity == 0)
    }

    @Test("a negative capacity traps with Go's words")
    func chancapNegativeCapacityTraps() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: -1)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("makechan: size out of range"), "stderr was: \(stderr)")
    }

    @Test("the most negative capacity traps with Go's words")
    func chancapMinimumCapacityTraps() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: Int.min)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("makechan: size out of range"), "stderr was: \(stderr)")
    }

    @Test("a buffer larger than memory can hold traps with Go's words")
    func chancapHugeCapacityTraps() async throws {
        // Go: 1<<59 Ints are more bytes than the runtime may ever allocate.
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: 1 << 59)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("makechan: size out of range"), "stderr was: \(stderr)")
    }

    @Test("a capacity whose size in bytes overflows traps with Go's words")
    func chancapOverflowingCapacityTraps() async throws {
        // Go: Int.max elements of 8 bytes overflow the multiplication that sizes the buffer.
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: Int.max)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("makechan: size out of range"), "stderr was: \(stderr)")
    }
}
