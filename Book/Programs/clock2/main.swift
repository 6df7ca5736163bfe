// clock2: clock1 serving many clients at once, a goroutine per connection.
// gopl.io/ch8/clock2, book page 222.
//
// It listens on localhost:8000 (localhost:$GOPL_PORT when set).
import Channels
import ChannelsNet
import ExampleSupport

func handleConn(_ c: Conn) async {
    defer { c.close() }
    while true {
        do {
            try await c.write(timeOfDay() + "\n")
        } catch {
            return   // e.g., client disconnected
        }
        try? await Task.sleep(for: .seconds(1))
    }
}

await runMain {
    let listener: Listener
    do {
        listener = try await Net.listen("tcp", serverAddress)
    } catch {
        Log.fatal(error)
    }
    while true {
        let conn: Conn
        do {
            conn = try await listener.accept()
        } catch {
            Log.print(error)   // e.g., connection aborted
            continue
        }
        go { await handleConn(conn) }   // handle connections concurrently
    }
}
