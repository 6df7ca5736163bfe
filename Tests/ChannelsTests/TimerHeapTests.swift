// Timers on the real clocks: entries in the process's timer heap, served by one thread.
import Channels
import Testing

// The heap is shared with every other test running at the same time: each test looks at its
// own timers' entries, not at the heap's size.
@Suite("Timer heap")
struct TimerHeapTests {
    @Test func tenThousandPendingTimersAreEntriesThatStopRemoves() async throws {
        // Given many armed timers far in the future
        let timers = (0..<10_000).map { Timer(after: .seconds(600 + $0 % 7)) }
        #expect(timers.allSatisfy { $0.isInTimerHeap })
        #expect(TimerHeap.shared.count >= 10_000)

        // When they are stopped, each reports that it was pending and leaves the heap
        #expect(timers.allSatisfy { $0.stop() })
        #expect(timers.allSatisfy { !$0.isInTimerHeap })
    }

    @Test func firesOnceNoEarlierThanItsDeadlineAndLeavesTheHeap() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let timer = Timer(after: .milliseconds(30))
        let firedAt = try #require(try await timer.channel.receive())
        #expect(start.duration(to: firedAt) >= .milliseconds(30))
        #expect(start.duration(to: clock.now) >= .milliseconds(30))
        #expect(!timer.isInTimerHeap)
        #expect(!timer.stop())                                   // fired: nothing to stop
        #expect(timer.channel.tryReceive() == .wouldBlock)       // and only once
    }

    @Test func timersFireInDeadlineOrder() async throws {
        // Deadlines 10 ms apart, armed in scrambled order; one receiver takes them in turn. Each
        // delay is measured from one start, so that a pause while arming (a loaded machine)
        // cannot reorder the deadlines themselves.
        let order = [6, 2, 9, 0, 4, 7, 1, 8, 3, 5]
        let start = ContinuousClock.now
        let timers = order.map { index in
            (index: index, timer: Timer(after: ContinuousClock.now.duration(to: start.advanced(by: .milliseconds(50 + 10 * index)))))
        }
        var fired: [(index: Int, at: ContinuousClock.Instant)] = []
        for (index, timer) in timers {
            fired.append((index, try #require(try await timer.channel.receive())))
        }
        let byDeadline = fired.sorted { $0.index < $1.index }
        for (earlier, later) in zip(byDeadline, byDeadline.dropFirst()) {
            #expect(earlier.at <= later.at, "timer \(earlier.index) fired after timer \(later.index)")
        }
    }

    @Test func resetRearmsAndTheOldDeadlineDeliversNothing() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let timer = Timer(after: .milliseconds(10))
        #expect(timer.reset(.milliseconds(60)))
        let firedAt = try #require(try await timer.channel.receive())
        #expect(start.duration(to: firedAt) >= .milliseconds(60))
        #expect(timer.channel.tryReceive() == .wouldBlock)
    }

    @Test func aTickerKeepsTickingUntilStopped() async throws {
        let ticker = Ticker(every: .milliseconds(5))
        var previous: ContinuousClock.Instant?
        for _ in 0..<5 {
            let tick = try #require(try await ticker.channel.receive())
            if let previous { #expect(previous < tick) }
            previous = tick
        }
        // (While it runs, the entry leaves the heap for each firing: no check of it here.)
        ticker.stop()
        #expect(!ticker.isInTimerHeap)
        #expect(ticker.channel.tryReceive() == .wouldBlock)
    }

    @Test func aPendingTimerDoesNotKeepItsChannelAlive() async throws {
        // As in Go 1.23, a timer nobody can receive from any more is garbage: the heap entry
        // holds its channel weakly, and drops itself at its deadline when it finds it gone.
        weak var channel: AnyObject?
        do {
            let ch = after(.seconds(600))
            channel = ch.storageObject
            #expect(channel != nil)
        }
        #expect(channel == nil)
    }
}
