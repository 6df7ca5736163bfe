// spinner: shows an animation on standard output while it computes the 45th Fibonacci
// number the slow way. gopl.io/ch8/spinner, book page 218.
import Channels
import ExampleSupport

func spinner(delay: Duration) async throws {
    while true {
        for r in #"-\|/"# {
            Stdout.write("\r\(r)")
            try await Task.sleep(for: delay)
        }
    }
}

func fib(_ x: Int) -> Int {
    if x < 2 {
        return x
    }
    return fib(x - 1) + fib(x - 2)
}

Stdout.useLineBuffering()
await runMain {
    go { try await spinner(delay: .milliseconds(100)) }
    let n = 45
    // Seconds of work that never awaits. Go's scheduler preempts such a goroutine; Swift's
    // cannot, so it runs outside the goroutine workers, like a blocking call.
    let fibN = await offload { fib(n) }
    print("\rFibonacci(\(n)) = \(fibN)")
}
