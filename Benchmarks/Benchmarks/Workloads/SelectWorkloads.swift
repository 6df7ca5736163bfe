import Channels

// `select` in its three situations: it must wait, a case is ready, and both sides select.
// Go twins: `Go/select_test.go`.

/// `SelectWait2`: a select over two unbuffered channels that finds nothing ready and parks;
/// the other goroutine sends only once the select is parked (its `trySend` on an unbuffered
/// channel succeeds only when a receiver waits), alternating between the two channels. One
/// operation is one select: park, wake-up, and the sender noticing the select parked again.
func registerSelectWait2() {
    crewBenchmark("SelectWait2") { ops in
        let left = Chan<Int>()
        let right = Chan<Int>()
        let selector: Member = { round in
            try await round.forEach {
                for _ in 0..<ops {
                    try await select {
                        receive(from: left) { _ in }
                        receive(from: right) { _ in }
                    }
                }
            }
        }
        let sender: Member = { round in
            try await round.forEach {
                for i in 0..<ops {
                    let channel = i.isMultiple(of: 2) ? left : right
                    while channel.trySend(i) != .sent {
                        await Task.yield()  // Go: runtime.Gosched()
                    }
                }
            }
        }
        return [selector, sender]
    }
}

/// `SelectWaitBlocking2`: a select over two unbuffered channels, fed by two goroutines that each
/// send on one of them with a plain blocking `send`. Both sides park and wake: one operation is
/// one select and one send. (`SelectWait2` feeds its select with `trySend`, so only the select
/// parks.)
func registerSelectWaitBlocking2() {
    crewBenchmark("SelectWaitBlocking2") { ops in
        let left = Chan<Int>()
        let right = Chan<Int>()
        let selector: Member = { round in
            try await round.forEach {
                for _ in 0..<ops {
                    try await select {
                        receive(from: left) { _ in }
                        receive(from: right) { _ in }
                    }
                }
            }
        }
        let senders: [Member] = [left, right].enumerated().map { index, channel in
            { round in
                try await round.forEach {
                    for i in 0..<share(of: ops, parts: 2, index: index) { try await channel.send(i) }
                }
            }
        }
        return [selector] + senders
    }
}

/// `SelectReady`: a select whose case is ready when it starts, so it never parks. The channel
/// has room for one value: one select sends into it, the next receives from it. A third case on
/// a channel nobody uses makes the select lock two channels, like `SelectWait2`.
func registerSelectReady() {
    crewBenchmark("SelectReady") { ops in
        let slot = Chan<Int>(capacity: 1)
        let idle = Chan<Int>()
        let selector: Member = { round in
            try await round.forEach {
                for i in 0..<ops {
                    try await select {
                        send(i, to: slot) {}
                        receive(from: slot) { _ in }
                        receive(from: idle) { _ in }
                    }
                }
            }
        }
        return [selector]
    }
}

/// `SelectBoth`: crossbeam-channel's `select_both`. Four goroutines send by selecting over
/// sends to four unbuffered channels, four others receive by selecting over receives from the
/// same four. One operation is one item (one select on each side).
func registerSelectBoth() {
    crewBenchmark("SelectBoth") { ops in
        let channels = (0..<4).map { _ in Chan<Int>() }
        let senders: [Member] = (0..<4).map { index in
            let count = share(of: ops, parts: 4, index: index)
            return { round in
                try await round.forEach {
                    for i in 0..<count {
                        try await select {
                            for channel in channels {
                                send(i, to: channel) {}
                            }
                        }
                    }
                }
            }
        }
        let receivers: [Member] = (0..<4).map { index in
            let count = share(of: ops, parts: 4, index: index)
            return { round in
                try await round.forEach {
                    for _ in 0..<count {
                        try await select {
                            for channel in channels {
                                receive(from: channel) { _ in }
                            }
                        }
                    }
                }
            }
        }
        return senders + receivers
    }
}
