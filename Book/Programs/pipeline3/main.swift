// pipeline3: pipeline2 split into functions whose parameter types say which end of each
// channel they may use. gopl.io/ch8/pipeline3, book page 231.
import Channels
import ExampleSupport

func counter(out: SendChan<Int>) async throws {
    for x in 0..<100 {
        try await out.send(x)
    }
    out.close()
}

func squarer(out: SendChan<Int>, in input: ReceiveChan<Int>) async throws {
    for await v in input {
        try await out.send(v * v)
    }
    out.close()
}

func printer(in input: ReceiveChan<Int>) async {
    for await v in input {
        print(v)
    }
}

Stdout.useLineBuffering()
await runMain {
    let naturals = Chan<Int>()
    let squares = Chan<Int>()

    go { try await counter(out: naturals.sendOnly) }
    go { try await squarer(out: squares.sendOnly, in: naturals.receiveOnly) }
    await printer(in: squares.receiveOnly)
}
