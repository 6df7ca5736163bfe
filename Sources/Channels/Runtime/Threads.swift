#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a detached OS thread running `body`. The library keeps Foundation out of its
/// dependencies, so threads are made with pthreads directly. `name` is for debuggers' sake
/// and kept with the thread's start record.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    final class Start: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // The stack is the platform's default for a new thread: the stack limit on Linux (usually
    // 8 MiB), 512 KiB on Darwin, where Dispatch's threads, which run Swift's global executor,
    // have the same.

    // Where pthread_create puts the new thread's handle, which is not kept: `pthread_t` is an
    // integer on Linux but a pointer on Darwin, which Swift has no zero value for.
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let status = pthread_create(&thread, &attributes, { argument in
        // glibc declares the argument nullable, Darwin non-null; it is `start` either way.
        let context: UnsafeMutableRawPointer? = argument
        let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
        start.body()
        return nil
    }, start)
    precondition(status == 0, "pthread_create failed: \(status)")
}

/// The number of processors the process may run on: Go's default GOMAXPROCS. (On Darwin,
/// `hw.activecpu`: performance and efficiency cores alike.)
func availableProcessorCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

/// A slot holding one object per thread (a `pthread_key_t`), for "which worker is this thread".
/// The value is not retained: the owner keeps it alive for the thread's whole life.
struct ThreadLocalReference<Value: AnyObject>: @unchecked Sendable {
    // Invariant: `key` is created once and never deleted; each thread reads only its own slot.
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        self.key = key
    }

    var value: Value? {
        get {
            guard let pointer = pthread_getspecific(key) else { return nil }
            return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
        }
        nonmutating set {
            pthread_setspecific(key, newValue.map { Unmanaged.passUnretained($0).toOpaque() })
        }
    }
}
