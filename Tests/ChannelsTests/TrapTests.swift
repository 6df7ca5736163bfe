// Go's panics are process traps with Go's words, in debug and release builds alike.
import Testing
import Channels

@Suite("Traps")
struct TrapTests {
    @Test func sendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>(capacity: 1)
            ch.close()
            try? await ch.send(1)
        }
        #expect(result?.standardErrorContent.contains("send on closed channel".utf8) == true)
    }

    @Test func blockedSenderTrapsWhenTheChannelIsClosed() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            go { try await ch.send(1) }
            while ch.parkedSenderCount == 0 { await Task.yield() }
            ch.close()
            while true { await Task.yield() }  // the sender's trap ends the process
        }
        #expect(result?.standardErrorContent.contains("send on closed channel".utf8) == true)
    }

    @Test func selectSendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            _ = try? await select { send(1, to: ch) { } }
        }
        #expect(result?.standardErrorContent.contains("send on closed channel".utf8) == true)
    }

    @Test func parkedSelectSendTrapsWhenTheChannelIsClosed() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            let idle = Chan<Int>()
            go {
                try await select {
                    send(1, to: ch) { }
                    receive(from: idle) { _ in }
                }
            }
            while ch.parkedSenderCount == 0 { await Task.yield() }
            ch.close()
            while true { await Task.yield() }
        }
        #expect(result?.standardErrorContent.contains("send on closed channel".utf8) == true)
    }

    @Test func blockingSendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            ch.sendBlocking(1)
        }
        #expect(result?.standardErrorContent.contains("send on closed channel".utf8) == true)
    }

    @Test func closeOfClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            ch.close()
        }
        #expect(result?.standardErrorContent.contains("close of closed channel".utf8) == true)
    }

    @Test func closeOfClosedChannelThroughTheSendView() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.sendOnly.close()
            ch.close()
        }
        #expect(result?.standardErrorContent.contains("close of closed channel".utf8) == true)
    }

    @Test func negativeWaitGroupCounter() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let wg = WaitGroup()
            wg.add(1)
            wg.done()
            wg.done()
        }
        #expect(result?.standardErrorContent.contains("sync: negative WaitGroup counter".utf8) == true)
    }

    @Test func negativeCapacity() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: -1)
        }
        #expect(result?.standardErrorContent.contains("makechan: size out of range".utf8) == true)
    }

    @Test func nonPositiveTickerInterval() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Ticker(every: .zero)
        }
        #expect(result?.standardErrorContent.contains("non-positive interval for NewTicker".utf8) == true)
    }
}
