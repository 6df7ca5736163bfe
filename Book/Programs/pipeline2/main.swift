// pipeline2: the same pipeline for the first hundred numbers; closing each channel tells the
// next stage that no more values are coming. gopl.io/ch8/pipeline2, book page 229.
import Channels
import ExampleSupport

Stdout.useLineBuffering()
await runMain {
    let naturals = Chan<Int>()
    let squares = Chan<Int>()

    // Stage 1 sends the natural numbers.
    go {
        for x in 0..<100 {
            try await naturals.send(x)
        }
        naturals.close()
    }

    // Stage 2 squares them.
    go {
        for await x in naturals {
            try await squares.send(x * x)
        }
        squares.close()
    }

    // Stage 3, the main goroutine, prints the squares.
    for await x in squares {
        print(x)
    }
}
