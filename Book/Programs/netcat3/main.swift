// netcat3: netcat2 that, at the end of standard input, closes only its sending side, then
// waits for the background copy to see the server's end of file and logs "done".
// gopl.io/ch8/netcat3, book page 227.
//
// One change from the listing, as the book's text and its exercise 8.3 ask: the listing closes
// the whole connection at the end of input, which throws away the echoes a server such as
// reverb still has to send; closing the write side lets them arrive.
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
    let done = Chan<Void>()
    go {
        _ = try? await IO.copy(OS.stdout, conn)   // NOTE: ignoring errors
        Log.print("done")
        try await done.send(())   // signal the main goroutine
    }
    await mustCopy(conn, OS.stdin)
    conn.closeWrite()
    _ = try await done.receive()   // wait for background goroutine to finish
    conn.close()
}

func mustCopy(_ dst: some Writer, _ src: some Reader) async {
    do {
        try await IO.copy(dst, src)
    } catch {
        Log.fatal(error)
    }
}
