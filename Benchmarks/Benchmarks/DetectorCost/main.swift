#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Channels

// What runMain's deadlock detector costs: a ping-pong and a spawn-and-done loop inside runMain,
// timed, to run with the detector off and on in turn:
//
//     swift build -c release --product DetectorCost
//     for i in 1 2 3 4 5 6; do for d in 0 1; do
//         SWIFT_CHANNELS_DETECT_DEADLOCKS=$d .build/release/DetectorCost; done; done
//
// Each run prints the setting, then ns per ping-pong round trip and per goroutine started and
// waited for. (package-benchmark's harness runs its benchmarks outside runMain, where the
// detector is never on, so it cannot show this.)
await runMain {
    let roundTrips = 200_000
    let ping = Chan<Int>(), pong = Chan<Int>()
    go {
        while let value = try await ping.receive() { try await pong.send(value) }
    }
    var start = ContinuousClock.now
    for i in 0..<roundTrips {
        try await ping.send(i)
        _ = try await pong.receive()
    }
    let roundTrip = (ContinuousClock.now - start) / roundTrips
    ping.close()

    let spawns = 100_000
    let wg = WaitGroup()
    wg.add(spawns)
    start = ContinuousClock.now
    for _ in 0..<spawns { go { wg.done() } }
    try await wg.wait()
    let spawn = (ContinuousClock.now - start) / spawns

    let setting = getenv("SWIFT_CHANNELS_DETECT_DEADLOCKS").map { String(cString: $0) } ?? "default (on)"
    print("detector \(setting): ping-pong \(roundTrip.nanoseconds) ns, spawn and done \(spawn.nanoseconds) ns")
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
