// select: readiness, fairness, otherwise, nil channels, parking on several channels, and what
// happens to the cases that lose.
import Synchronization
import Testing
@_spi(Testing) import Channels

@Suite("select", .timeLimit(.minutes(2)))
struct SelectTests {
    @Test func readyReceiveCaseIsChosenAndOnlyItCommits() async throws {
        // Given a ready channel and an idle one
        let ready = Chan<Int>(capacity: 1), idle = Chan<Int>(capacity: 1)
        try await ready.send(1)
        // When selecting over both plus a send that has room
        let out = Chan<Int>()
        let result = try await select {
            receive(from: ready) { v in "ready \(v!)" }
            receive(from: idle) { v in "idle \(v!)" }
            send(5, to: out) { "sent" }
        }
        // Then the ready case wins and nothing else moved
        #expect(result == "ready 1")
        #expect(ready.count == 0 && idle.count == 0)
        #expect(out.tryReceive() == .wouldBlock)
    }

    @Test func exactlyOneOfSeveralReadyCasesCommits() async throws {
        for _ in 0..<200 {
            let a = Chan<Int>(capacity: 1), b = Chan<Int>(capacity: 1), c = Chan<Int>(capacity: 1)
            try await a.send(1)
            try await b.send(2)
            _ = try await select {
                receive(from: a) { _ in }
                receive(from: b) { _ in }
                send(3, to: c) { }
            }
            #expect(a.count + b.count + (1 - c.count) == 2, "exactly one case moved a value")
        }
    }

    @Test func choiceAmongReadyCasesIsUniform() async throws {
        // Four always-ready cases, 8000 trials: each is expected 2000 times (sd ≈ 39). The bound
        // 1700...2300 is more than 7 standard deviations wide: a fair select fails it with
        // probability below 1e-11, while a select that favours a position fails at once.
        let channels = (0..<4).map { _ in Chan<Int>(capacity: 1) }
        var hits = [0, 0, 0, 0]
        for _ in 0..<8000 {
            for ch in channels where ch.count == 0 { ch.trySend(0) }
            let chosen = try await select {
                for (index, ch) in channels.enumerated() {
                    receive(from: ch) { _ in index }
                }
            }
            hits[chosen] += 1
        }
        for count in hits { #expect((1700...2300).contains(count), "hits: \(hits)") }
    }

    @Test func everyCaseOfABlockIsReachableWhateverItsSize() async throws {
        // A block's cases are held inline up to four and in an array beyond: written cases, an
        // `if` and a loop, across that boundary, each chosen when only its channel is ready.
        let channels = (0..<9).map { _ in Chan<Int>(capacity: 1) }
        for ready in channels.indices {
            try await channels[ready].send(ready)
            let chosen = try await select {
                receive(from: channels[0]) { $0 }
                receive(from: channels[1]) { $0 }
                receive(from: channels[2]) { $0 }
                if ready >= 0 { receive(from: channels[3]) { $0 } }
                receive(from: channels[4]) { $0 }
                for index in 5..<9 { receive(from: channels[index]) { $0 } }
            }
            #expect(chosen == ready)
        }
    }

    @Test func otherwiseRunsWhenNothingIsReady() async throws {
        let a = Chan<Int>(), b = Chan<Int>()
        let result = try await select {
            receive(from: a) { _ in "a" }
            send(1, to: b) { "b" }
            otherwise { "default" }
        }
        #expect(result == "default")
        #expect(a.parkedReceiverCount == 0 && b.parkedSenderCount == 0, "a non-blocking select never parks")
    }

    @Test func otherwiseLosesToAReadyCase() async throws {
        let a = Chan<Int>(capacity: 1)
        try await a.send(4)
        let result = try await select {
            receive(from: a) { v in v! }
            otherwise { -1 }
        }
        #expect(result == 4)
    }

    @Test func nilChannelsDisableTheirCases() async throws {
        let absentReceive: Chan<Int>? = nil
        let absentSend: SendChan<Int>? = nil
        let absentReceiveOnly: ReceiveChan<Int>? = nil
        let result = try await select {
            receive(from: absentReceive) { _ in "receive" }
            receive(from: absentReceiveOnly) { _ in "receiveOnly" }
            send(1, to: absentSend) { "send" }
            otherwise { "default" }
        }
        #expect(result == "default")
    }

    @Test func selectWithOnlyNilChannelsWaitsUntilCancelled() async throws {
        let started = Chan<Bool>(capacity: 1)
        let task = Task {
            let none: Chan<Int>? = nil
            started.trySend(true)
            return try await select { receive(from: none) { _ in 1 } }
        }
        _ = try await started.receive()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func emptySelectWaitsUntilCancelled() async throws {
        // Go's `select {}`.
        let task = Task { try await select(cases: [SelectCase<Void>]()) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func emptySelectBlockWaitsUntilCancelled() async throws {
        let task = Task { try await select { } }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func receiveCaseSeesNilForAClosedChannel() async throws {
        let ch = Chan<Int>()
        ch.close()
        let result = try await select {
            receive(from: ch) { v in v == nil ? "closed" : "value" }
        }
        #expect(result == "closed")
    }

    @Test func parkedSelectWakesOnTheChannelThatBecomesReady() async throws {
        let a = Chan<Int>(), b = Chan<Int>()
        let result = Task {
            try await select {
                receive(from: a) { v in "a\(v!)" }
                receive(from: b) { v in "b\(v!)" }
            }
        }
        await b.waitForParkedReceivers(1)
        try await b.send(2)
        #expect(try await result.value == "b2")
        // Pass 3 took the losing waiter off `a`.
        await eventually { a.parkedReceiverCount == 0 }
        #expect(a.trySend(1) == .wouldBlock)
    }

    @Test func parkedSelectWakesWhenItsBufferedChannelGetsAValue() async throws {
        let buffered = Chan<Int>(capacity: 4), other = Chan<Int>()
        let result = Task {
            try await select {
                receive(from: buffered) { v in v! }
                receive(from: other) { v in -v! }
            }
        }
        await buffered.waitForParkedReceivers(1)
        try await buffered.send(7)  // empty → non-empty
        #expect(try await result.value == 7)
        #expect(buffered.count == 0)
    }

    @Test func parkedSelectWakesWhenItsFullChannelGetsRoom() async throws {
        let full = Chan<Int>(capacity: 1), other = Chan<Int>()
        try await full.send(1)
        let result = Task {
            try await select {
                send(2, to: full) { "sent" }
                receive(from: other) { _ in "other" }
            }
        }
        await full.waitForParkedSenders(1)
        #expect(try await full.receive() == 1)  // full → not full
        #expect(try await result.value == "sent")
        #expect(try await full.receive() == 2)
    }

    @Test func selectSendMeetsSelectReceiveOnAnUnbufferedChannel() async throws {
        let ch = Chan<Int>(), idleA = Chan<Int>(), idleB = Chan<Int>()
        let sender = Task {
            try await select {
                send(42, to: ch) { "sent" }
                receive(from: idleA) { _ in "idle" }
            }
        }
        await ch.waitForParkedSenders(1)
        let received = try await select {
            receive(from: ch) { v in v! }
            receive(from: idleB) { _ in -1 }
        }
        #expect(received == 42)
        #expect(try await sender.value == "sent")
    }

    @Test func parkedSelectsOnBothSidesMeet() async throws {
        // Both selects park first; the second to park must find the first one's waiter.
        for _ in 0..<100 {
            let ch = Chan<Int>(), idle = Chan<Int>()
            let sender = Task {
                try await select {
                    send(1, to: ch) { true }
                    receive(from: idle) { _ in false }
                }
            }
            let receiver = Task {
                try await select {
                    receive(from: ch) { v in v == 1 }
                    receive(from: idle) { _ in false }
                }
            }
            #expect(try await sender.value)
            #expect(try await receiver.value)
        }
    }

    @Test func severalSelectsParkOnOneChannelAndEachValueGoesToOne() async throws {
        let ch = Chan<Int>()
        let results = Chan<Int>(capacity: 3)
        for index in 0..<3 {
            go {
                let other = Chan<Int>()
                let v = try await select {
                    receive(from: ch) { v in v! }
                    receive(from: other) { _ in -1 }
                }
                try await results.send(v * 10 + index)
            }
        }
        await ch.waitForParkedReceivers(3)
        var seen = Set<Int>()
        for value in 1...3 {
            try await ch.send(value)
            let r = try await results.receive()!
            seen.insert(r / 10)
        }
        #expect(seen == [1, 2, 3])
    }

    @Test func closeWakesEverySelectParkedOnTheChannel() async throws {
        let ch = Chan<Int>()
        let results = Chan<Bool>(capacity: 3)
        for _ in 0..<3 {
            go {
                let closed = try await select { receive(from: ch) { v in v == nil } }
                try await results.send(closed)
            }
        }
        await ch.waitForParkedReceivers(3)
        ch.close()
        for _ in 0..<3 { #expect(try await results.receive() == true) }
    }

    @Test func unchosenSendValueIsReleased() async throws {
        let before = Tracked.live.load(ordering: .relaxed)
        do {
            let ready = Chan<Int>(capacity: 1), slow = Chan<Tracked>()
            try await ready.send(1)
            _ = try await select {
                send(Tracked(1), to: slow) { }
                receive(from: ready) { _ in }
            }
            // Parked, then lost to another channel: the value sat in a waiter and must go too.
            let other = Chan<Int>()
            let task = Task {
                try await select {
                    send(Tracked(2), to: slow) { "slow" }
                    receive(from: other) { _ in "other" }
                }
            }
            await slow.waitForParkedSenders(1)
            try await other.send(1)
            #expect(try await task.value == "other")
            #expect(slow.parkedSenderCount == 0)
        }
        #expect(Tracked.live.load(ordering: .relaxed) == before)
    }

    @Test func dynamicSelectOverARuntimeSizedList() async throws {
        let channels = (0..<10).map { _ in Chan<Int>(capacity: 1) }
        try await channels[7].send(70)
        let cases = channels.enumerated().map { index, ch in
            receive(from: ch) { v in (index, v!) }
        }
        let (index, value) = try await select(cases: cases)
        #expect(index == 7 && value == 70)
    }

    @Test func builderAcceptsConditionsAndLoops() async throws {
        let a = Chan<Int>(capacity: 1)
        let useA = true
        let extra: Chan<Int>? = nil
        try await a.send(1)
        let r = try await select {
            if useA {
                receive(from: a) { v in v! }
            } else {
                otherwise { 0 }
            }
            if let extra {
                receive(from: extra) { _ in -1 }
            }
            for ch in [Chan<Int>(), Chan<Int>()] {
                receive(from: ch) { _ in -2 }
            }
        }
        #expect(r == 1)
    }

    @Test func handlersCaptureAndMutateLocalState() async throws {
        let ch = Chan<Int>(capacity: 2)
        try await ch.send(1)
        try await ch.send(2)
        var total = 0
        var log: [String] = []
        for _ in 0..<2 {
            try await select {
                receive(from: ch) { v in
                    total += v!
                    log.append("got \(v!)")
                }
                otherwise { log.append("none") }
            }
        }
        #expect(total == 3 && log == ["got 1", "got 2"])
    }

    @Test func handlerErrorsPropagate() async throws {
        struct Boom: Error {}
        let ch = Chan<Int>(capacity: 1)
        try await ch.send(1)
        await #expect(throws: Boom.self) {
            try await select { receive(from: ch) { _ in throw Boom() } }
        }
        #expect(ch.count == 0, "the receive happened before the handler threw")
    }

    @Test func handlerCanAwait() async throws {
        let a = Chan<Int>(capacity: 1), b = Chan<Int>(capacity: 1)
        try await a.send(1)
        let r = try await select {
            receive(from: a) { v in
                try await b.send(v! + 1)
                return try await b.receive()!
            }
        }
        #expect(r == 2)
    }

    @Test func sameChannelInTwoCasesIsLockedOnce() async throws {
        // Go's TestSelectDuplicateChannel shape: a deadlock here means a lock was taken twice.
        let ch = Chan<Int>()
        let task = Task {
            try await select {
                receive(from: ch) { v in v! }
                receive(from: ch) { v in v! + 100 }
            }
        }
        await ch.waitForParkedReceivers(2)
        try await ch.send(1)
        let r = try await task.value
        #expect(r == 1 || r == 101)
        await eventually { ch.parkedReceiverCount == 0 }
    }
}

@Suite("Select with optional elements")
struct SelectOptionalElementTests {
    @Test func aParkedReceiveCaseGetsANilElementAsAValue() async throws {
        // Given a select parked on a channel of optionals
        let ch = Chan<Int?>()
        let other = Chan<Int>()
        let sender = go {
            await ch.waitForParkedReceivers(1)
            try await ch.send(nil)   // a value that happens to be nil, not a close
        }
        // When nil arrives, the handler sees .some(nil), not "closed"
        let got: Int?? = try await select {
            receive(from: ch) { $0 }
            receive(from: other) { _ -> Int?? in 42 }
        }
        await sender.value
        #expect(got == .some(nil))
    }
}

@Suite("Select over many cases")
struct SelectManyCasesTests {
    @Test func fewEnabledCasesAmongHundredsOfAbsentOnes() async throws {
        // Case indices beyond 255 with only a few channels: the orders must still name them.
        let ready = Chan<Int>(capacity: 1)
        try await ready.send(7)
        var cases: [SelectCase<Int>] = (0..<300).map { _ in receive(from: nil as Chan<Int>?) { $0 ?? -1 } }
        cases.append(receive(from: ready) { $0 ?? -1 })
        #expect(try await select(cases: cases) == 7)
    }

    @Test func moreThanEightChannelsAreAllReachable() async throws {
        let channels = (0..<12).map { _ in Chan<Int>(capacity: 1) }
        for (index, channel) in channels.enumerated() { try await channel.send(index) }
        var seen = Set<Int>()
        for _ in 0..<12 {
            let value = try await select {
                for channel in channels { receive(from: channel) { $0! } }
            }
            seen.insert(value)
        }
        #expect(seen == Set(0..<12))
    }
}
