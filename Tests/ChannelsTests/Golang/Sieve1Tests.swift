// Port of Go's test/chan/sieve1.go (Go 1.23).
// Runs the classic concurrent prime sieve, a growing chain of filtering goroutines, and checks
// the primes below 100.
//
// Go's goroutines run forever and are abandoned when main returns. Ours would stay parked for
// the rest of the test run, so each one also listens on a `quit` channel; the test closes it
// and waits (on a WaitGroup) for all of them to finish.

import Channels
import Testing

@Suite("Go test/chan/sieve1.go", .timeLimit(.minutes(1)))
struct Sieve1Tests {
    static let primesBelow100 = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    ]

    @Test("the daisy-chain sieve yields the primes below 100, then shuts down")
    func primesBelow100() async throws {
        let primes = Chan<Int>()
        let quit = Chan<Void>()
        let running = WaitGroup()
        running.add(1)
        go {
            defer { running.done() }
            try await sieve(primes: primes.sendOnly, quit: quit.receiveOnly, running: running)
        }
        var got: [Int] = []
        for _ in Self.primesBelow100 {
            got.append(try #require(try await primes.receive()))
        }
        #expect(got == Self.primesBelow100)
        quit.close()
        try await running.wait()
    }
}

/// Sends 2, 3, 4, … to `ch` until told to quit.
private func generate(_ ch: SendChan<Int>, quit: ReceiveChan<Void>) async throws {
    var i = 2
    while try await sendUnlessQuit(i, to: ch, quit: quit) {
        i += 1
    }
}

/// Copies the values from `input` to `output`, dropping multiples of `prime`, until told to
/// quit (or `input` closes).
private func filter(_ input: ReceiveChan<Int>, _ output: SendChan<Int>, prime: Int, quit: ReceiveChan<Void>) async throws {
    while let i = try await receiveUnlessQuit(from: input, quit: quit) {
        if i % prime != 0 {
            guard try await sendUnlessQuit(i, to: output, quit: quit) else { return }
        }
    }
}

/// The sieve: each prime that reaches the end of the chain is reported and gets a filter of its
/// own appended to the chain.
private func sieve(primes: SendChan<Int>, quit: ReceiveChan<Void>, running: WaitGroup) async throws {
    var ch = Chan<Int>()
    running.add(1)
    go { [ch] in
        defer { running.done() }
        try await generate(ch.sendOnly, quit: quit)
    }
    while let prime = try await receiveUnlessQuit(from: ch.receiveOnly, quit: quit) {
        guard try await sendUnlessQuit(prime, to: primes, quit: quit) else { return }
        let next = Chan<Int>()
        running.add(1)
        go { [ch] in
            defer { running.done() }
            try await filter(ch.receiveOnly, next.sendOnly, prime: prime, quit: quit)
        }
        ch = next
    }
}

/// Sends `value`, unless `quit` is closed first. Returns false if it quit.
private func sendUnlessQuit(_ value: Int, to ch: SendChan<Int>, quit: ReceiveChan<Void>) async throws -> Bool {
    try await select {
        send(value, to: ch) { true }
        receive(from: quit) { _ in false }
    }
}

/// Receives a value, unless `quit` is closed first (or `ch` is closed). Returns nil if it quit.
private func receiveUnlessQuit(from ch: ReceiveChan<Int>, quit: ReceiveChan<Void>) async throws -> Int? {
    try await select {
        receive(from: ch) { v in v }
        receive(from: quit) { _ in Int?.none }
    }
}
