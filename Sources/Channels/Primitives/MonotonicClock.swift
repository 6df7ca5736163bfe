#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The library's time base: nanoseconds from an arbitrary start, never set back, and not counting
// time the machine spends suspended. On each platform it is the clock `SuspendingClock` reads
// (CLOCK_MONOTONIC on Linux, CLOCK_UPTIME_RAW, that is `mach_absolute_time`, on Darwin) and the
// clock the timer thread's timed wait runs on (`MonotonicCondition`), so a deadline taken here
// is one that wait honours. A `ContinuousClock` timer (CLOCK_BOOTTIME on Linux,
// CLOCK_MONOTONIC_RAW on Darwin, both counting suspended time) that spans a suspension therefore
// fires late by the suspension, alike on both: neither platform's condition-variable wait counts
// suspended time, so a continuous time base would not make it fire sooner.

/// The time base in nanoseconds: what the timer thread sleeps against and the hand-off monitor
/// measures blocking calls with.
func monotonicNanoseconds() -> UInt64 {
    #if canImport(Darwin)
    // Not Darwin's CLOCK_MONOTONIC: there it is the wall clock less the boot time, to the
    // microsecond, and it counts time asleep; its relative waits are measured in uptime.
    clock_gettime_nsec_np(CLOCK_UPTIME_RAW)
    #else
    nanoseconds(of: CLOCK_MONOTONIC)
    #endif
}

/// The time base read coarsely: a few nanoseconds to read, to a millisecond or so, enough to
/// say how long a goroutine has waited. Comparable only with other coarse readings.
func coarseMonotonicNanoseconds() -> UInt64 {
    #if canImport(Darwin)
    // `mach_approximate_time`: uptime as of the processor's last context switch or timer tick,
    // Darwin's counterpart of CLOCK_MONOTONIC_COARSE.
    clock_gettime_nsec_np(CLOCK_UPTIME_RAW_APPROX)
    #elseif os(Linux)
    nanoseconds(of: CLOCK_MONOTONIC_COARSE)
    #else
    monotonicNanoseconds()
    #endif
}

#if !canImport(Darwin)
/// `clock` read with clock_gettime, in nanoseconds.
private func nanoseconds(of clock: clockid_t) -> UInt64 {
    var now = timespec()
    clock_gettime(clock, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}
#endif
