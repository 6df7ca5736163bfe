// netcat1: a read-only TCP client that copies what the server sends to standard output.
// gopl.io/ch8/netcat1, book page 221.
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
    await mustCopy(OS.stdout, conn)
}

func mustCopy(_ dst: some Writer, _ src: some Reader) async {
    do {
        try await IO.copy(dst, src)
    } catch {
        Log.fatal(error)
    }
}
