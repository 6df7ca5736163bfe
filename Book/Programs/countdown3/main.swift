// countdown3: counts down aloud, one number a second, and can be aborted at any moment by a
// byte or the end of standard input. gopl.io/ch8/countdown3, book page 246.
//
// The listing uses time.Tick, whose goroutine outlives an aborted countdown (the book calls
// it a leak and shows a Ticker stopped on the way out as the cure); this port uses the cure.
import Channels
import ExampleSupport

func launch() {
    print("Lift off!")
}

Stdout.useLineBuffering()
await runMain {
    let abort = stdinByteOrEOF()   // receives once, when os.Stdin.Read would return

    print("Commencing countdown.  Press return to abort.")
    let ticker = Ticker(every: .seconds(1))
    defer { ticker.stop() }
    for countdown in stride(from: 10, to: 0, by: -1) {
        print(countdown)
        let aborted = try await select {
            receive(from: ticker.channel) { _ in false }   // one more second: keep counting
            receive(from: abort) { _ in
                print("Launch aborted!")
                return true
            }
        }
        if aborted { return }
    }
    launch()
}
