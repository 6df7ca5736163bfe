// clock1: a TCP server that writes the time of day to its client once a second, serving one
// client at a time. gopl.io/ch8/clock1, book page 219.
//
// It listens on localhost:8000 (localhost:$GOPL_PORT when set).
import Channels
import ChannelsNet
import ExampleSupport

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
        await handleConn(conn)   // handle one connection at a time
    }
}

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
