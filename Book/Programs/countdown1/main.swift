// countdown1: counts down from 10, one number a second, then launches.
// gopl.io/ch8/countdown1, book page 244.
import Channels
import ExampleSupport

func launch() {
    print("Lift off!")
}

Stdout.useLineBuffering()
await runMain {
    print("Commencing countdown.")
    let tick = tick(.seconds(1))
    for countdown in stride(from: 10, to: 0, by: -1) {
        print(countdown)
        _ = try await tick.receive()
    }
    launch()
}
