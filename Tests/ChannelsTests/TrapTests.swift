// Go's panics are process traps with Go's words, in debug and release builds alike, and their
// report names the user's line, as Go's names it in the goroutine's stack.
import Testing
@_spi(Testing) import Channels

/// The trap printed Go's panic line and named the line of this file that made it, not a line
/// of the library's.
func expectPanic(
    _ result: ExitTest.Result?, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(standardError.contains("panic: \(message)\n"), "\(standardError)", sourceLocation: sourceLocation)
    #expect(standardError.contains("ChannelsTests/TrapTests.swift:"), "\(standardError)", sourceLocation: sourceLocation)
    #expect(!standardError.contains("Channels/Primitives/"), "\(standardError)", sourceLocation: sourceLocation)
}

@Suite("Traps")
struct TrapTests {
    @Test func sendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>(capacity: 1)
            ch.close()
            try? await ch.send(1)
        }
        expectPanic(result, "send on closed channel")
    }

    @Test func blockedSenderTrapsWhenTheChannelIsClosed() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            go { try await ch.send(1) }
            while ch.parkedSenderCount == 0 { await Task.yield() }
            ch.close()
            while true { await Task.yield() }  // the sender's trap ends the process
        }
        expectPanic(result, "send on closed channel")
    }

    @Test func selectSendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            _ = try? await select { send(1, to: ch) { } }
        }
        expectPanic(result, "send on closed channel")
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
        expectPanic(result, "send on closed channel")
    }

    @Test func blockingSendOnClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            ch.sendBlocking(1)
        }
        expectPanic(result, "send on closed channel")
    }

    @Test func closeOfClosedChannel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            ch.close()
        }
        expectPanic(result, "close of closed channel")
    }

    @Test func closeOfClosedChannelThroughTheSendView() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.sendOnly.close()
            ch.close()
        }
        expectPanic(result, "close of closed channel")
    }

    @Test func negativeWaitGroupCounter() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let wg = WaitGroup()
            wg.add(1)
            wg.done()
            wg.done()
        }
        expectPanic(result, "sync: negative WaitGroup counter")
    }

    @Test func negativeCapacity() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Chan<Int>(capacity: -1)
        }
        expectPanic(result, "makechan: size out of range")
    }

    @Test func nonPositiveTickerInterval() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Ticker(every: .zero)
        }
        expectPanic(result, "non-positive interval for NewTicker")
    }

    @Test func theReportNamesTheGoroutineAndWhereItWasStarted() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let ch = Chan<Int>()
            ch.close()
            let sender = go { try await ch.send(1) }
            _ = await sender.result
        }
        expectPanic(result, "send on closed channel")
        let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        // goroutine N [running]:, the send's line, then who started it and where.
        let report = /goroutine \d+ \[running\]:\n\tChannelsTests\/TrapTests\.swift:\d+\ncreated by .*\n\tChannelsTests\/TrapTests\.swift:\d+\n/
        #expect(standardError.contains(report), "\(standardError)")
    }
}
