// netcat2: a TCP client that copies standard input to the server and, in a goroutine, what
// the server sends to standard output. It ends at the end of standard input.
// gopl.io/ch8/netcat2, book page 223.
//
// It dials localhost:8000 (localhost:$GOPL_PORT when set).
import Channels
import ChannelsNet
import ExampleSupport

await runMain {
    let conn: Conn
    do {
        conn = try await Net.dial("tcp", serverAddress)
    } catch {
        Log.fatal(error)
    }
    defer { conn.close() }
    go { await mustCopy(OS.stdout, conn) }
    await mustCopy(conn, OS.stdin)
}

func mustCopy(_ dst: some Writer, _ src: some Reader) async {
    do {
        try await IO.copy(dst, src)
    } catch {
        Log.fatal(error)
    }
}
