#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a new detached thread of its own, outside Swift's cooperative pool and the
/// goroutine workers.
///
/// The tests read their children's pipes and wait for their ends this way: each of those
/// calls blocks for as long as a child runs, and a dozen children run at once. The threads are
/// the tests' own rather than the library's `offload` pool, so that a fault in the library
/// under test cannot stall the harness that reports it.
public func startThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let result = pthread_create(&thread, nil, { context in
        ThreadBody.take(context).run()
        return nil
    }, context)
    guard result == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        fatalError("pthread_create failed: \(String(cString: strerror(result)))")
    }
    #if canImport(Darwin)
    pthread_detach(thread!)
    #else
    pthread_detach(thread)
    #endif
}

/// The closure a new thread runs, boxed so that it can travel through `pthread_create`'s
/// untyped context pointer.
private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void   // the thread's whole work

    init(_ run: @escaping @Sendable () -> Void) { self.run = run }

    /// Takes back the box passed to `pthread_create`. The parameter is optional because Glibc
    /// passes the context as optional and Darwin does not; this signature accepts both.
    static func take(_ context: UnsafeMutableRawPointer?) -> ThreadBody {
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
    }
}
