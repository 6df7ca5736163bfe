#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A handle on one thread's processor time (user plus system), readable from any thread of the
/// process: the hand-off monitor reads a blocked worker's to tell a call that waits from one
/// that computes. The thread takes its own handle (`ofCallingThread`) and publishes it.
struct ThreadCPUClock: RawRepresentable, AtomicRepresentable, Sendable {
    #if canImport(Darwin)
    // Darwin has no pthread_getcpuclockid, and its CLOCK_THREAD_CPUTIME_ID reads only the
    // calling thread. The thread is named by its Mach port instead, which `thread_info` reads
    // from any thread of the task. `pthread_mach_thread_np` takes no reference on the port, so
    // the handle is good for as long as the thread lives; the executor's threads never end.
    let rawValue: mach_port_t
    #elseif os(Linux)
    // The thread's CPU-time clock, read with clock_gettime like any other clock.
    let rawValue: clockid_t
    #else
    // Elsewhere no handle is taken, and the monitor counts every call as waiting.
    let rawValue: Int32
    #endif

    /// Before a thread has published its handle. A worker's thread publishes its own before it
    /// runs any job, so the monitor never reads this one for a blocked worker. (On Darwin it is
    /// MACH_PORT_NULL, which `thread_info` refuses.)
    static let unpublished = ThreadCPUClock(rawValue: 0)

    /// The calling thread's handle, or nil where there is none.
    static func ofCallingThread() -> ThreadCPUClock? {
        #if canImport(Darwin)
        return ThreadCPUClock(rawValue: pthread_mach_thread_np(pthread_self()))
        #elseif os(Linux)
        var clock = clockid_t()
        guard pthread_getcpuclockid(pthread_self(), &clock) == 0 else { return nil }
        return ThreadCPUClock(rawValue: clock)
        #else
        return nil
        #endif
    }

    /// The processor time the thread has used, in nanoseconds; nil when it cannot be read.
    func nanosecondsUsed() -> UInt64? {
        #if canImport(Darwin)
        // Microseconds, as the kernel reports them. For a thread running on another processor
        // the kernel may bring the count up to date only when that thread next enters the kernel
        // or is switched out. A count that lags can only make a computing call look like a
        // waiting one, handed off sooner, as every call is where no count can be read; a waiting
        // call never looks like a computing one.
        var info = thread_basic_info()
        // THREAD_BASIC_INFO_COUNT, a macro Swift does not import: the structure's size in words.
        var count = mach_msg_type_number_t(MemoryLayout<thread_basic_info>.size / MemoryLayout<natural_t>.size)
        let status = withUnsafeMutablePointer(to: &info) { pointer in
            pointer.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                thread_info(rawValue, thread_flavor_t(THREAD_BASIC_INFO), $0, &count)
            }
        }
        guard status == KERN_SUCCESS else { return nil }
        let seconds = UInt64(info.user_time.seconds) &+ UInt64(info.system_time.seconds)
        let microseconds = UInt64(info.user_time.microseconds) &+ UInt64(info.system_time.microseconds)
        return seconds &* 1_000_000_000 &+ microseconds &* 1_000
        #elseif os(Linux)
        var used = timespec()
        guard clock_gettime(rawValue, &used) == 0 else { return nil }
        return UInt64(used.tv_sec) &* 1_000_000_000 &+ UInt64(used.tv_nsec)
        #else
        return nil
        #endif
    }
}
