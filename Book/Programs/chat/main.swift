// chat: a chat server. Each client is told its address, and every line a client sends goes to
// all clients, the sender too, prefixed by the sender's address; arrivals and departures are
// announced to the others. One broadcaster goroutine owns the set of clients; everything else
// talks to it over channels, with no locks. gopl.io/ch8/chat, book page 254.
//
// It listens on localhost:8000 (localhost:$GOPL_PORT when set).
//
// Slow clients (beyond the original; the book's exercise 8.15). The original's broadcaster
// waits until every client's writer takes each message, so one client that stops reading
// stalls everyone. Here each client has an outgoing buffer of `clientBuffer` messages, and the
// broadcaster never waits on it: a client whose buffer is full, with the kernel's socket
// buffers full behind it, is disconnected, and the others are told it has left. Dropping
// messages instead would leave that client with a conversation silently full of holes, and it
// would be dropped again at the next burst; a disconnected client knows to reconnect. The
// writer also sends every message already waiting in one write, so a client that reads keeps up.
//
// A line longer than 64 KiB ends that client's session, as it ends the original's scanner.
import Channels
import ChannelsNet
import ExampleSupport

typealias Client = SendChan<String>   // an outgoing message channel

let entering = Chan<(Client, Conn)>()
let leaving = Chan<Client>()
let messages = Chan<String>()   // all incoming client messages

/// How many messages may wait for one client's writer before the client is dropped.
let clientBuffer = 1024

func broadcaster() async throws {
    var clients: [Client: Conn] = [:]   // all connected clients, and their connections
    while true {
        try await select {
            receive(from: messages) { msg in
                // Broadcast incoming message to all clients' outgoing message channels,
                // dropping those too far behind rather than waiting for them.
                for (cli, conn) in clients where cli.trySend(msg!) != .sent {
                    clients[cli] = nil
                    cli.close()
                    conn.close()   // ends its handleConn, which announces the departure
                }
            }
            receive(from: entering) { entry in
                let (cli, conn) = entry!
                clients[cli] = conn
            }
            receive(from: leaving) { cli in
                if clients.removeValue(forKey: cli!) != nil {   // not already dropped
                    cli!.close()
                }
            }
        }
    }
}

func handleConn(_ conn: Conn) async throws {
    let ch = Chan<String>(capacity: clientBuffer)   // outgoing client messages
    go { await clientWriter(conn, ch.receiveOnly) }

    let who = conn.remoteAddress
    try await ch.send("You are " + who)
    try await messages.send(who + " has arrived")
    try await entering.send((ch.sendOnly, conn))

    do {
        for try await line in conn.lines {
            try await messages.send(who + ": " + line)
        }
    } catch {
        // NOTE: ignoring potential errors from reading, as the original ignores input.Err()
    }

    try await leaving.send(ch.sendOnly)
    try await messages.send(who + " has left")
    conn.close()
}

func clientWriter(_ conn: Conn, _ ch: ReceiveChan<String>) async {
    var connected = true
    for await msg in ch {
        guard connected else { continue }   // drain until the broadcaster closes ch
        var text = msg + "\n"
        while text.utf8.count < 64 * 1024, let next = ch.tryReceive().value {
            text += next + "\n"   // and the messages already waiting, in the same write
        }
        do {
            try await conn.write(text)
        } catch {
            connected = false   // NOTE: the original ignores network errors, and so do we
        }
    }
}

await runMain {
    let listener: Listener
    do {
        listener = try await Net.listen("tcp", serverAddress)
    } catch {
        Log.fatal(error)
    }

    go { try await broadcaster() }
    while true {
        let conn: Conn
        do {
            conn = try await listener.accept()
        } catch {
            Log.print(error)
            continue
        }
        go { try await handleConn(conn) }
    }
}
