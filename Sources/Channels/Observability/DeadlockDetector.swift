#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Go's "fatal error: all goroutines are asleep - deadlock!": when every counted goroutine is
/// parked on a channel operation (a send, a receive, a select or a `WaitGroup.wait`), no timer
/// is pending and no offloaded call is running, nothing can ever wake any of them. The detector
/// then prints the message and the goroutine dump on standard error and exits with status 2.
///
/// `runMain` turns it on unless told not to (`runMain(detectingDeadlocks: false)`, or
/// `SWIFT_CHANNELS_DETECT_DEADLOCKS=0`). It is only sound when everything that can wake a
/// goroutine is visible to it: a plain `Task`, a thread or a NIO callback that sends on a channel
/// is not, and a goroutine waiting for one would be reported as deadlocked; such a program turns
/// it off. Goroutines started outside `runMain` are never counted.
///
/// The counts: one atomic word holds how many counted goroutines are alive, how many of those
/// are blocked, and a generation bumped by every park, start and end. A waker takes its wakee
/// off the blocked count before resuming it, so "all blocked" is never seen while a woken
/// goroutine waits for a thread. Timers and offloaded calls are "activity": each finishes its
/// wake-ups before it stops counting. A suspect state is confirmed by reading the activity and
/// then the word again: an unchanged word (generation included) means nothing woke in between.
enum DeadlockDetector {
    /// Set by `runMain` before the main goroutine starts; goroutines started earlier are not
    /// counted.
    static let isEnabled = Atomic<Bool>(false)

    /// Bits 0-23: counted goroutines alive. Bits 24-47: of those, blocked. Bits 48-63: generation.
    private static let word = Atomic<UInt64>(0)
    private static let activity = Atomic<Int>(0)   // pending timers plus running offloaded calls

    private static let one: UInt64 = 1
    private static let blockedOne: UInt64 = 1 << 24
    private static let generationOne: UInt64 = 1 << 48
    private static let fieldMask: UInt64 = (1 << 24) - 1

    /// The word as one goroutine saw it.
    struct Snapshot: Equatable {
        let raw: UInt64
        var alive: UInt64 { raw & fieldMask }
        var blocked: UInt64 { (raw >> 24) & fieldMask }
        var allBlocked: Bool { alive > 0 && blocked == alive }
    }

    static func goroutineStarted() {
        word.wrappingAdd(one &+ generationOne, ordering: .acquiringAndReleasing)
    }

    static func goroutineEnded() {
        // One addition: the generation goes up by one as `alive` goes down by one.
        let after = Snapshot(raw: word.wrappingAdd(generationOne &- one, ordering: .acquiringAndReleasing).newValue)
        if after.allBlocked { confirm() }
    }

    /// A counted goroutine is parking. Returns whether that leaves every counted goroutine
    /// blocked, for `confirm()` once the caller holds no lock.
    static func goroutineBlocked() -> Bool {
        Snapshot(raw: word.wrappingAdd(blockedOne &+ generationOne, ordering: .acquiringAndReleasing).newValue).allBlocked
    }

    /// A counted goroutine was woken (by a channel event, a cancellation or a WaitGroup), or did
    /// not park after all.
    static func goroutineWoken() {
        word.wrappingSubtract(blockedOne, ordering: .acquiringAndReleasing)
    }

    static func activityBegan() {
        activity.wrappingAdd(1, ordering: .acquiringAndReleasing)
    }

    static func activityEnded() {
        let remaining = activity.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue
        if remaining == 0, Snapshot(raw: word.load(ordering: .acquiring)).allBlocked { confirm() }
    }

    /// Decides whether the suspect state is a deadlock, and if so reports it and exits. Call
    /// with no lock held.
    static func confirm() {
        guard isEnabled.load(ordering: .acquiring) else { return }
        let first = word.load(ordering: .acquiring)
        guard Snapshot(raw: first).allBlocked else { return }
        guard activity.load(ordering: .acquiring) == 0 else { return }
        guard word.load(ordering: .acquiring) == first else { return }
        writeToStandardError("fatal error: all goroutines are asleep - deadlock!\n\n" + Goroutines.dump())
        exit(2)
    }
}

/// The waiter-id bit that marks a parked operation of a counted goroutine: whoever wakes or
/// cancels that waiter takes it off the detector's blocked count first.
@usableFromInline
let countedWaiterFlag: WaiterID = 1 << 63

/// Called by every path that resumes a parked task waiter, before it resumes it.
@inlinable
func waiterWillResume(_ id: WaiterID) {
    if id & countedWaiterFlag != 0 { noteCountedWaiterWoken() }
}

@usableFromInline
func noteCountedWaiterWoken() {
    DeadlockDetector.goroutineWoken()
}
