// pipeline1: three goroutines joined by two channels, counting and squaring for ever.
// gopl.io/ch8/pipeline1, book page 228.
import Channels
import ExampleSupport

Stdout.useLineBuffering()
await runMain {
    let naturals = Chan<Int>()
    let squares = Chan<Int>()

    // Stage 1 sends the natural numbers.
    go {
        var x = 0
        while true {
            try await naturals.send(x)
            x &+= 1   // Go's int wraps around instead of trapping; so does this one
        }
    }

    // Stage 2 squares them.
    go {
        while true {
            let x = try await naturals.receive()!   // never closed, so never nil
            try await squares.send(x &* x)
        }
    }

    // Stage 3, the main goroutine, prints the squares.
    while true {
        print(try await squares.receive()!)
    }
}
