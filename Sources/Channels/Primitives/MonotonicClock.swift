#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// CLOCK_MONOTONIC (or `clock`) in nanoseconds: what the timer thread sleeps against.
func monotonicNanoseconds(clock: clockid_t = CLOCK_MONOTONIC) -> UInt64 {
    var now = timespec()
    clock_gettime(clock, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

/// CLOCK_MONOTONIC_COARSE: a few nanoseconds to read, millisecond resolution, enough to say how
/// long a goroutine has waited.
func coarseMonotonicNanoseconds() -> UInt64 {
    #if os(Linux)
    monotonicNanoseconds(clock: CLOCK_MONOTONIC_COARSE)
    #else
    monotonicNanoseconds()
    #endif
}
