// Port of Go's test/chan/sieve2.go (Go 1.23).
// Runs a concurrent sieve of Eratosthenes (a heap merges the multiples of each prime found so
// far, fed back through an unbounded proxy) and checks the primes below 100.
//
// Go's goroutines run forever and are abandoned when main returns. Ours would stay parked for
// the rest of the test run, so every one of them also listens on a `quit` channel; the test
// closes it and waits for all of them to finish.

import Channels
import Testing

@Suite("Go test/chan/sieve2.go", .timeLimit(.minutes(1)))
struct Sieve2Tests {
    static let primesBelow100 = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    ]

    @Test("the heap-merging sieve yields the primes below 100, then shuts down")
    func primesBelow100() async throws {
        let quit = Chan<Void>()
        let goroutines = Goroutines(quit: quit.receiveOnly)
        let primes = try await sieve(goroutines)
        var got: [Int] = []
        for _ in Self.primesBelow100 {
            got.append(try #require(try await primes.receive()))
        }
        #expect(got == Self.primesBelow100)
        quit.close()
        try await goroutines.running.wait()
    }
}

/// Thrown inside a goroutine of the sieve when `quit` is closed, to unwind it.
private struct Quit: Error {}

/// Starts the sieve's goroutines and gives them channel operations that stop waiting, by
/// throwing `Quit`, as soon as `quit` is closed.
private struct Goroutines: Sendable {
    let quit: ReceiveChan<Void>
    let running = WaitGroup()

    /// Starts a goroutine that is counted in `running` until it ends.
    func spawn(_ body: @escaping @Sendable () async throws -> Void) {
        running.add(1)
        go {
            defer { running.done() }
            do {
                try await body()
            } catch is Quit {
                // Told to stop: the normal end.
            }
        }
    }

    func sendOrQuit(_ value: Int, to ch: SendChan<Int>) async throws {
        let sent = try await select {
            send(value, to: ch) { true }
            receive(from: quit) { _ in false }
        }
        if !sent { throw Quit() }
    }

    /// The channels of the sieve are never closed, so nil can only mean "quit".
    func receiveOrQuit(_ ch: ReceiveChan<Int>) async throws -> Int {
        let v = try await select {
            receive(from: ch) { v in v }
            receive(from: quit) { _ in Int?.none }
        }
        guard let v else { throw Quit() }
        return v
    }
}

/// The odd numbers from 5 up.
private func odds(_ g: Goroutines) -> ReceiveChan<Int> {
    let out = Chan<Int>(capacity: 50)
    g.spawn {
        var n = 5
        while true {
            try await g.sendOrQuit(n, to: out.sendOnly)
            n += 2
        }
    }
    return out.receiveOnly
}

/// The odd multiples of the prime `p`, from p*p up.
private func multiples(of p: Int, _ g: Goroutines) -> ReceiveChan<Int> {
    let out = Chan<Int>(capacity: 10)
    g.spawn {
        var n = p * p
        while true {
            try await g.sendOrQuit(n, to: out.sendOnly)
            n += 2 * p
        }
    }
    return out.receiveOnly
}

/// A channel of multiples together with the next value already taken from it.
private struct PeekChannel {
    var head: Int
    let ch: ReceiveChan<Int>
}

/// A binary min-heap of `PeekChannel`s ordered by `head` (Go uses container/heap).
private struct PeekChannelHeap {
    private var items: [PeekChannel] = []

    mutating func push(_ item: PeekChannel) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].head < items[parent].head else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes the item with the smallest head. The sieve never pops an empty heap.
    mutating func pop() -> PeekChannel {
        precondition(!items.isEmpty, "pop from an empty heap")
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < items.count && items[left].head < items[least].head { least = left }
            if right < items.count && items[right].head < items[least].head { least = right }
            if least == parent { break }
            items.swapAt(parent, least)
            parent = least
        }
        return smallest
    }
}

/// Returns a channel that forwards everything sent to it on to `out`, buffering without limit
/// so that a send to it never waits for `out`'s receiver. (Go grows a ring; we use an array
/// with a read index.)
private func sendProxy(_ out: SendChan<Int>, _ g: Goroutines) -> SendChan<Int> {
    let proxy = Chan<Int>(capacity: 10)
    g.spawn {
        var queue: [Int] = []
        var next = 0
        while true {
            // With nothing queued, the send case is switched off by an absent channel.
            let pending = next < queue.count
            let target: SendChan<Int>? = pending ? out : nil
            let value = pending ? queue[next] : 0
            let quitting = try await select {
                receive(from: proxy) { v in
                    if let v { queue.append(v) }
                    return false
                }
                send(value, to: target) {
                    next += 1
                    return false
                }
                receive(from: g.quit) { _ in true }
            }
            if quitting { return }
            if next == queue.count {
                queue.removeAll(keepingCapacity: true)
                next = 0
            }
        }
    }
    return proxy.sendOnly
}

/// Starts the sieve and returns the channel of primes.
private func sieve(_ g: Goroutines) async throws -> ReceiveChan<Int> {
    let out = Chan<Int>(capacity: 10)
    try await out.send(2)
    try await out.send(3)

    // Every odd composite, in increasing order (some more than once).
    let composites = Chan<Int>(capacity: 50)

    // The primes found so far, fed back to the merger; it starts with 3.
    let primes = Chan<Int>(capacity: 10)
    try await primes.send(3)

    // The merger: for each prime from the feedback loop, adds the multiples of that prime to a
    // heap and emits the heap's values in order on `composites`.
    g.spawn {
        var heap = PeekChannelHeap()
        var min = 15
        while true {
            let m = multiples(of: try await g.receiveOrQuit(primes.receiveOnly), g)
            let head = try await g.receiveOrQuit(m)
            while min < head {
                try await g.sendOrQuit(min, to: composites.sendOnly)
                var minChannel = heap.pop()
                min = minChannel.head
                minChannel.head = try await g.receiveOrQuit(minChannel.ch)
                heap.push(minChannel)
            }
            while min == head {
                var minChannel = heap.pop()
                min = minChannel.head
                minChannel.head = try await g.receiveOrQuit(minChannel.ch)
                heap.push(minChannel)
            }
            try await g.sendOrQuit(head, to: composites.sendOnly)
            heap.push(PeekChannel(head: try await g.receiveOrQuit(m), ch: m))
        }
    }

    // The sifter: every odd candidate that is not the next composite is a prime.
    g.spawn {
        // The merger needs only the primes up to the square root of the newest one, so it
        // falls behind this goroutine; sending to it through the unbounded proxy keeps the
        // feedback loop from filling up and deadlocking.
        let feedback = sendProxy(primes.sendOnly, g)
        let candidates = odds(g)
        var p = try await g.receiveOrQuit(candidates)
        while true {
            let c = try await g.receiveOrQuit(composites.receiveOnly)
            while p < c {
                try await g.sendOrQuit(p, to: feedback)
                try await g.sendOrQuit(p, to: out.sendOnly)
                p = try await g.receiveOrQuit(candidates)
            }
            if p == c {
                p = try await g.receiveOrQuit(candidates)
            }
        }
    }

    return out.receiveOnly
}
