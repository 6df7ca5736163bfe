import Channels

// Ping-pong, buffered pipeline, select with timeout, WaitGroup — smoke.
let ping = Chan<Int>()
let pong = Chan<Int>()
go {
    while let v = try await ping.receive() { try await pong.send(v + 1) }
    pong.close()
}
var total = 0
for i in 0..<1000 {
    try await ping.send(i)
    total += try await pong.receive()!
}
ping.close()
print("pingpong", total, try await pong.receive() as Any)

let buf = Chan<Int>(capacity: 10)
go {
    for i in 0..<100 { try await buf.send(i) }
    buf.close()
}
var sum = 0
for await v in buf { sum += v }
print("sum", sum)

let a = Chan<Int>(), b = Chan<String>()
go { try await a.send(1) }
go { try await b.send("x") }
var got: [String] = []
for _ in 0..<2 {
    let r = try await select {
        receive(from: a) { v in "a\(v!)" }
        receive(from: b) { v in "b\(v!)" }
    }
    got.append(r)
}
print(got.sorted())
let t = try await select {
    receive(from: a) { _ in "a" }
    receive(from: after(.milliseconds(50))) { _ in "timeout" }
}
print(t)
let wg = WaitGroup()
let results = Chan<Int>(capacity: 10)
for i in 0..<10 { wg.add(1); go { defer { wg.done() }; try await results.send(i) } }
try await wg.wait()
print("wg", results.count)
let tk = Ticker(every: .milliseconds(10))
var n = 0
for await _ in tk.channel { n += 1; if n == 3 { break } }
tk.stop()
print("ticks", n)
