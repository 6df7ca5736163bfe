// chat: a chat server. Each client is told its address, and every line a client sends goes to
// all clients, the sender too, prefixed by the sender's address; arrivals and departures are
// announced to the others. One broadcaster goroutine owns the set of clients; everything else
// talks to it over channels, with no locks. gopl.io/ch8/chat, book page 254.
//
// It listens on localhost:8000 (localhost:$GOPL_PORT when set).
//
// Slow clients (beyond the original; the book's exercise 8.15). The original's broadcaster
// waits until every client's writer takes each message, so one client that stops reading
// stalls everyone for ever. Here each client has an outgoing queue, bounded both in messages
// and in bytes. While a client's queue is full the broadcaster waits for it, as the original
// does, but only while the client's socket keeps taking bytes: a client whose socket has taken
// nothing for `stallLimit` is disconnected, and the others are told it has left. A client that
// reads, however far a burst puts it behind, loses nothing; one that never reads holds the
// others up for `stallLimit` at most, once. Dropping messages instead would leave a slow client
// with a conversation silently full of holes; a disconnected client knows to reconnect. The
// writer sends every message already waiting in one write, so a client that reads keeps up.
//
// A line longer than 64 KiB ends that client's session, as it ends the original's scanner.
import Channels
import ChannelsNet
import ExampleSupport
import Synchronization

typealias Client = SendChan<String>   // an outgoing message channel

let entering = Chan<(Client, Peer)>()
let leaving = Chan<Client>()
let messages = Chan<String>()   // all incoming client messages

/// How many messages, and how many bytes of them, may wait for one client's writer before the
/// broadcaster waits for it.
let queueMessages = 1024
let queueBytes = 1 << 20
/// How long a client's socket may take no bytes, with its queue full, before it is dropped.
let stallLimit = Duration.seconds(5)

/// What the broadcaster keeps for a client besides its channel: its connection, to close it,
/// and what its writer publishes of its progress, for the slow-client rule.
final class Peer: Sendable {
    let conn: Conn
    let queuedBytes = Atomic<Int>(0)           // bytes sent on the client's channel, not yet written
    let writeStarted = Atomic<Int64>(0)        // when the write under way began (`uptime()`); 0 if none
    let room = Chan<Void>(capacity: 1)         // signalled after every write

    init(_ conn: Conn) { self.conn = conn }

    /// How long the socket has taken no bytes while the writer had some to write.
    var stalledFor: Duration {
        let started = writeStarted.load(ordering: .acquiring)
        return started == 0 ? .zero : .nanoseconds(uptime() - started)
    }
}

/// Nanoseconds since the program started (never 0 once it has).
func uptime() -> Int64 {
    let elapsed = ContinuousClock.now - programStart
    return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000 + 1
}
let programStart = ContinuousClock.now

/// Queues `msg` for a client. While the client's queue is full the broadcaster waits for its
/// writer, as the original's broadcaster waits for every client, but only while the client's
/// socket is taking bytes. Returns false for a client whose socket took none for `stallLimit`.
func deliver(_ msg: String, to cli: Client, _ peer: Peer) async throws -> Bool {
    let size = msg.utf8.count + 1
    while true {
        // The writer subtracts a message's bytes once written, so count them before sending.
        let queued = peer.queuedBytes.add(size, ordering: .relaxed).newValue
        if queued - size == 0 || queued <= queueBytes, cli.trySend(msg) == .sent { return true }
        peer.queuedBytes.subtract(size, ordering: .relaxed)

        let stalled = peer.stalledFor
        if stalled >= stallLimit { return false }
        try await select {
            receive(from: peer.room) { _ in }                          // a write completed
            receive(from: after(stallLimit - stalled)) { _ in }        // time to look again
        }
    }
}

func broadcaster() async throws {
    var clients: [Client: Peer] = [:]   // all connected clients, and what else is known of them
    while true {
        try await select {
            receive(from: messages) { msg in
                // Broadcast incoming message to all clients' outgoing message channels,
                // dropping those whose sockets have stopped taking bytes.
                for (cli, peer) in clients where try await !deliver(msg!, to: cli, peer) {
                    clients[cli] = nil
                    cli.close()
                    peer.conn.close()   // ends its handleConn, which announces the departure
                }
            }
            receive(from: entering) { entry in
                let (cli, peer) = entry!
                clients[cli] = peer
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
    let ch = Chan<String>(capacity: queueMessages)   // outgoing client messages
    let peer = Peer(conn)
    go { await clientWriter(peer, ch.receiveOnly) }

    let who = conn.remoteAddress
    _ = try await deliver("You are " + who, to: ch.sendOnly, peer)
    try await messages.send(who + " has arrived")
    try await entering.send((ch.sendOnly, peer))

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

func clientWriter(_ peer: Peer, _ ch: ReceiveChan<String>) async {
    var connected = true
    for await msg in ch {
        guard connected else { continue }   // drain until the broadcaster closes ch
        var text = msg + "\n"
        while text.utf8.count < 64 * 1024, let next = ch.tryReceive().value {
            text += next + "\n"   // and the messages already waiting, in the same write
        }
        peer.writeStarted.store(uptime(), ordering: .releasing)
        do {
            try await peer.conn.write(text)
        } catch {
            connected = false   // NOTE: the original ignores network errors, and so do we
        }
        peer.writeStarted.store(0, ordering: .releasing)
        peer.queuedBytes.subtract(text.utf8.count, ordering: .relaxed)
        peer.room.trySend(())
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
