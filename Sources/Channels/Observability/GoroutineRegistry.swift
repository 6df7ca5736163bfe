#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Every live goroutine started with `go` (and the main goroutine of `runMain`), for the dump,
/// the leak check and the deadlock detector.
///
/// Records live in intrusive doubly linked lists spread over a few shards by id, so that
/// registering and unregistering cost one uncontended lock and no allocation beyond the record,
/// and two workers starting goroutines at once rarely meet on a lock.
///
/// Switch it off with `SWIFT_CHANNELS_REGISTRY=off` in the environment: goroutines then carry
/// no record, and the dump, the leak check and the deadlock detector see nothing.
final class GoroutineRegistry: Sendable {
    static let shared = GoroutineRegistry()

    /// Read once: whether `go` registers goroutines.
    static let isEnabled: Bool = {
        guard let value = getenv("SWIFT_CHANNELS_REGISTRY") else { return true }
        return !["off", "0", "false", "no"].contains(String(cString: value).lowercased())
    }()

    private static let shardCount = 8
    private let shards: [Shard]
    private let lastID = Atomic<UInt64>(0)

    private init() {
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    func nextID() -> UInt64 {
        lastID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    func insert(_ goroutine: Goroutine) {
        shard(of: goroutine).insert(goroutine)
    }

    func remove(_ goroutine: Goroutine) {
        shard(of: goroutine).remove(goroutine)
    }

    /// Every registered goroutine, by id.
    func all() -> [Goroutine] {
        var everyone: [Goroutine] = []
        for shard in shards { shard.append(to: &everyone) }
        return everyone.sorted { $0.id < $1.id }
    }

    private func shard(of goroutine: Goroutine) -> Shard {
        shards[Int(goroutine.id % UInt64(Self.shardCount))]
    }

    /// One lock and the list of the records it guards. The links are unmanaged: the list holds
    /// one reference to each record it lists (taken on insertion, given back on removal), and
    /// relinking touches no reference count, since the neighbours are other goroutines' records,
    /// in use on other threads.
    private final class Shard: @unchecked Sendable {
        // Invariant: `head` and every listed record's `next`/`previous` are touched only while
        // `lock` is held.
        private let lock = PthreadLock()
        private var head: Unmanaged<Goroutine>?

        deinit { lock.deinitialize() }

        func insert(_ goroutine: Goroutine) {
            let record = Unmanaged.passRetained(goroutine)  // the list's reference
            lock.withLock {
                goroutine.next = head
                head?._withUnsafeGuaranteedRef { $0.previous = record }
                head = record
            }
        }

        func remove(_ goroutine: Goroutine) {
            lock.withLock {
                if let previous = goroutine.previous {
                    previous._withUnsafeGuaranteedRef { $0.next = goroutine.next }
                } else {
                    head = goroutine.next
                }
                goroutine.next?._withUnsafeGuaranteedRef { $0.previous = goroutine.previous }
                goroutine.next = nil
                goroutine.previous = nil
            }
            Unmanaged.passUnretained(goroutine).release()  // the list's reference, given back
        }

        func append(to everyone: inout [Goroutine]) {
            lock.withLock {
                var cursor = head
                while let record = cursor {
                    let goroutine = record.takeUnretainedValue()
                    everyone.append(goroutine)
                    cursor = goroutine.next
                }
            }
        }
    }
}
