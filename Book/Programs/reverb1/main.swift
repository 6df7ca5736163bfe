// reverb1: an echo server that answers each line three times, loud, as sent, and soft, a
// second apart, one line after the other. gopl.io/ch8/reverb1, book page 224.
//
// It listens on localhost:8000 (localhost:$GOPL_PORT when set).
import Channels
import ChannelsNet
import ExampleSupport

// Each echo is fmt.Fprintln(c, "\t", text): Println puts a space between its operands.
func echo(_ c: Conn, _ shout: String, _ delay: Duration) async {
    try? await c.write("\t \(Strings.toUpper(shout))\n")
    try? await Task.sleep(for: delay)
    try? await c.write("\t \(shout)\n")
    try? await Task.sleep(for: delay)
    try? await c.write("\t \(Strings.toLower(shout))\n")
}

func handleConn(_ c: Conn) async {
    do {
        for try await line in c.lines {
            await echo(c, line, .seconds(1))
        }
    } catch {
        // NOTE: ignoring potential errors from reading, as the original ignores input.Err()
    }
    c.close()
}

await runMain {
    let l: Listener
    do {
        l = try await Net.listen("tcp", serverAddress)
    } catch {
        Log.fatal(error)
    }
    while true {
        let conn: Conn
        do {
            conn = try await l.accept()
        } catch {
            Log.print(error)   // e.g., connection aborted
            continue
        }
        go { await handleConn(conn) }
    }
}
