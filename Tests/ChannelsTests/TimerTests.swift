// Timers, tickers, after and tick, driven by the manual clock: no test waits for real time.
import Testing
@_spi(Testing) import Channels

@Suite("Timers on the manual clock", .timeLimit(.minutes(2)))
struct TimerTests {
    typealias Instant = ManualClock.Instant

    @Test func timerFiresAtItsDeadlineAndNotBefore() async throws {
        let clock = ManualClock()
        let timer = Timer(after: .seconds(5), clock: clock)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(4))
        #expect(timer.channel.tryReceive() == .wouldBlock)
        clock.advance(by: .seconds(1))
        let fired = try await timer.channel.receive()
        #expect(fired == Instant(offset: .seconds(5)))
        #expect(timer.stop() == false, "already fired and received")
    }

    @Test func timerChannelReportsNoBufferLikeGo123() async throws {
        let clock = ManualClock()
        let timer = Timer(after: .seconds(1), clock: clock)
        #expect(timer.channel.capacity == 0 && timer.channel.count == 0)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        _ = try await timer.channel.receive()
    }

    @Test func stopBeforeFiringPreventsTheValue() async throws {
        let clock = ManualClock()
        let timer = Timer(after: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        #expect(timer.stop() == true)
        #expect(timer.stop() == false, "already stopped")
        clock.advance(by: .seconds(10))
        #expect(clock.sleeperCount == 0, "the stopped timer no longer sleeps")
        #expect(timer.channel.tryReceive() == .wouldBlock)
    }

    @Test func stopAfterFiringDiscardsTheUnreceivedValue() async throws {
        // Go 1.23: after Stop returns, no stale value can be received.
        let clock = ManualClock()
        let timer = Timer(after: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        // Learn that the value was delivered without taking it.
        await eventually { timer.channel.bufferedValueCount == 1 }
        #expect(timer.stop() == true, "the unreceived value counts as pending")
        #expect(timer.channel.tryReceive() == .wouldBlock)
    }

    @Test func resetMovesTheDeadlineAndDropsTheOldValue() async throws {
        let clock = ManualClock()
        let timer = Timer(after: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        #expect(timer.reset(.seconds(3)) == true)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(2))
        #expect(timer.channel.tryReceive() == .wouldBlock)
        clock.advance(by: .seconds(1))
        #expect(try await timer.channel.receive() == Instant(offset: .seconds(3)))
        #expect(timer.reset(.seconds(1)) == false, "it had fired")
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(try await timer.channel.receive() == Instant(offset: .seconds(4)))
    }

    @Test func tickerTicksEveryPeriod() async throws {
        let clock = ManualClock()
        let ticker = Ticker(every: .seconds(2), clock: clock)
        for n in 1...3 {
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))
            #expect(try await ticker.channel.receive() == Instant(offset: .seconds(2 * n)))
        }
        ticker.stop()
    }

    @Test func tickerDropsTicksForASlowReceiver() async throws {
        let clock = ManualClock()
        let ticker = Ticker(every: .seconds(1), clock: clock)
        // Three ticks come due while nobody receives; the channel keeps only the first.
        for _ in 1...3 {
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(1))
        }
        await clock.waitForSleepers(count: 1)  // the third tick has been handled
        #expect(try await ticker.channel.receive() == Instant(offset: .seconds(1)))
        #expect(ticker.channel.tryReceive() == .wouldBlock)
        ticker.stop()
    }

    @Test func tickerSkipsMissedTicksAfterALongPause() async throws {
        let clock = ManualClock()
        let ticker = Ticker(every: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(10))
        #expect(try await ticker.channel.receive() == Instant(offset: .seconds(10)))
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(try await ticker.channel.receive() == Instant(offset: .seconds(11)))
        ticker.stop()
    }

    @Test func tickerStopEndsTicksAndDiscardsAPendingOne() async throws {
        let clock = ManualClock()
        let ticker = Ticker(every: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        await clock.waitForSleepers(count: 1)  // first tick delivered into the channel
        ticker.stop()
        #expect(ticker.channel.tryReceive() == .wouldBlock)
        clock.advance(by: .seconds(5))
        #expect(ticker.channel.tryReceive() == .wouldBlock)
    }

    @Test func tickerResetChangesThePeriod() async throws {
        let clock = ManualClock()
        let ticker = Ticker(every: .seconds(1), clock: clock)
        await clock.waitForSleepers(count: 1)
        ticker.reset(every: .seconds(5))
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(4))
        #expect(ticker.channel.tryReceive() == .wouldBlock)
        clock.advance(by: .seconds(1))
        #expect(try await ticker.channel.receive() == Instant(offset: .seconds(5)))
        ticker.stop()
    }

    @Test func afterDeliversOnce() async throws {
        let clock = ManualClock()
        let channel = after(.seconds(3), clock: clock)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(3))
        #expect(try await channel.receive() == Instant(offset: .seconds(3)))
        clock.advance(by: .seconds(30))
        #expect(channel.tryReceive() == .wouldBlock)
    }

    @Test func afterAsASelectTimeout() async throws {
        let clock = ManualClock()
        let results = Chan<Int>()
        let task = Task {
            try await select {
                receive(from: results) { _ in "result" }
                receive(from: after(.seconds(10), clock: clock)) { _ in "timeout" }
            }
        }
        await clock.waitForSleepers(count: 1)
        await results.waitForParkedReceivers(1)
        clock.advance(by: .seconds(10))
        #expect(try await task.value == "timeout")
    }

    @Test func tickDeliversRepeatedly() async throws {
        let clock = ManualClock()
        let ticks = tick(.seconds(1), clock: clock)
        for n in 1...3 {
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(1))
            #expect(try await ticks.receive() == Instant(offset: .seconds(n)))
        }
    }

    @Test func tickWithNonPositivePeriodNeverDelivers() async throws {
        let clock = ManualClock()
        let ticks = tick(.zero, clock: clock)
        clock.advance(by: .seconds(100))
        #expect(clock.sleeperCount == 0)
        #expect(ticks.tryReceive() == .wouldBlock)
    }

    @Test func receiveOnATimerIsCancellable() async throws {
        let clock = ManualClock()
        let timer = Timer(after: .seconds(1), clock: clock)
        let task = Task { try await timer.channel.receive() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        timer.stop()
    }

    @Test func manualClockSleepIsCancellable() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(until: Instant(offset: .seconds(1))) }
        await clock.waitForSleepers(count: 1)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func realClockTimerFires() async throws {
        // One real-time check that the default clock path works end to end (a short delay;
        // the assertion is on order, not on timing).
        let timer = Timer(after: .milliseconds(1))
        let start = ContinuousClock.now
        let fired = try await timer.channel.receive()
        #expect(fired != nil && fired! >= start)
    }
}
