// A tour of Channels in one short program that ends by itself: a pipeline, a fan-out with a
// WaitGroup, a select with a timeout, and a ticker. The body runs as the main goroutine, on the
// goroutine scheduler, as every program here does.
import Channels

// 1. Pipeline (gopl.io ch8 pipeline3): counter → squarer → printer over unbuffered channels.
func counter(_ out: SendChan<Int>) async throws {
    for x in 0..<10 { try await out.send(x) }
    out.close()
}

func squarer(_ out: SendChan<Int>, _ input: ReceiveChan<Int>) async throws {
    for await v in input { try await out.send(v * v) }
    out.close()
}

await runMain {
    let naturals = Chan<Int>(), squares = Chan<Int>()
    go { try await counter(naturals.sendOnly) }
    go { try await squarer(squares.sendOnly, naturals.receiveOnly) }
    var line: [String] = []
    for await square in squares { line.append(String(square)) }
    print("squares:", line.joined(separator: " "))

    // 2. Fan-out: eight goroutines each send one result; a WaitGroup closes the results channel.
    let results = Chan<Int>(capacity: 8)
    let wg = WaitGroup()
    for worker in 1...8 {
        wg.go { try await results.send(worker * 100) }
    }
    go {
        try await wg.wait()
        results.close()
    }
    var total = 0
    for await result in results { total += result }
    print("fan-out total:", total)

    // 3. select with a timeout: nothing ever arrives on `never`, so the timer wins.
    let never = Chan<String>()
    let outcome = try await select {
        receive(from: never) { message in "received \(message ?? "nil")" }
        receive(from: after(.milliseconds(50))) { _ in "timed out after 50 ms" }
    }
    print("select:", outcome)

    // 4. A non-blocking select (Go's default case).
    let mailbox = Chan<String>(capacity: 1)
    let polled = try await select {
        receive(from: mailbox) { message in message ?? "closed" }
        otherwise { "mailbox empty" }
    }
    print("poll:", polled)

    // 5. A ticker, stopped after three ticks.
    let ticker = Ticker(every: .milliseconds(20))
    var ticks = 0
    for await _ in ticker.channel {
        ticks += 1
        if ticks == 3 { break }
    }
    ticker.stop()
    print("ticks:", ticks)
}
