// countdown2: waits ten seconds and launches, unless a byte (the return key) or the end of
// standard input comes first. gopl.io/ch8/countdown2, book page 244.
import Channels
import ExampleSupport

func launch() {
    print("Lift off!")
}

Stdout.useLineBuffering()
await runMain {
    let abort = stdinByteOrEOF()   // receives once, when os.Stdin.Read would return

    print("Commencing countdown.  Press return to abort.")
    let aborted = try await select {
        receive(from: after(.seconds(10))) { _ in false }   // time is up: go ahead
        receive(from: abort) { _ in
            print("Launch aborted!")
            return true
        }
    }
    if aborted { return }
    launch()
}
