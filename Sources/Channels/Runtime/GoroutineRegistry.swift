#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Every goroutine record ever made, for the dump, the leak check and the deadlock detector;
/// and the free lists that recycle the records of goroutines that have ended.
///
/// Go keeps every `g` it ever made in `allgs` and reuses dead ones from per-processor free
/// lists; so does the registry. Starting a goroutine takes a record from the free list of the
/// worker thread it runs on (no lock, no allocation), falling back to a shared list and then to a
/// new record; an ending goroutine puts its record back on its worker's list, and a list grown
/// past `localLimit` hands half to the shared one, so records flow back to the workers that start
/// goroutines. The registry holds one reference to every record for the process's life: as many
/// records as goroutines were ever alive at once, as in Go.
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

    /// The most free records a worker keeps; past it, half go to the shared list.
    static let localLimit = 64

    private let lastID = Atomic<UInt64>(0)
    private let records = Locked<[GoroutineRecord]>([])     // every record ever made
    private let shared = Locked(FreeList())           // free records of no worker in particular

    private init() {}

    func nextID() -> UInt64 {
        lastID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// A free record: the running worker's, else one from the shared list, else a new one.
    func obtainRecord() -> GoroutineRecord {
        if let worker = GoroutineExecutor.currentWorker.value {
            if let record = worker.freeRecords.pop() { return record }
            // Refill the worker's list with up to half a list's worth from the shared one.
            var taken = shared.withLock { $0.pop(upTo: Self.localLimit / 2) }
            if let record = taken.pop() {
                worker.freeRecords = taken
                return record
            }
        } else if let record = shared.withLock({ $0.pop() }) {
            return record
        }
        let record = GoroutineRecord()
        records.withLock { $0.append(record) }
        return record
    }

    /// Puts the record of a goroutine that has ended (already released) on a free list.
    func recycle(_ record: GoroutineRecord) {
        guard let worker = GoroutineExecutor.currentWorker.value else {
            shared.withLock { $0.push(record) }
            return
        }
        worker.freeRecords.push(record)
        if worker.freeRecords.count > Self.localLimit {
            let surplus = worker.freeRecords.pop(upTo: Self.localLimit / 2)
            shared.withLock { $0.push(contentsOf: surplus) }
        }
    }

    /// The number of live goroutines, without copying what each waits on.
    func liveCount() -> Int {
        records.withLock { $0 }.reduce(0) { $0 + ($1.isLive ? 1 : 0) }
    }

    /// Every live goroutine as it is now, by id.
    func all() -> [(identity: GoroutineIdentity, wait: GoroutineWait, since: UInt64)] {
        let everyRecord = records.withLock { $0 }
        return everyRecord.compactMap { $0.snapshot() }.sorted { $0.identity.id < $1.identity.id }
    }
}

/// A stack of free records, linked through `Goroutine.nextFree`. Whoever owns the list (a worker
/// thread, or the shared list's lock) owns the links of the records on it.
struct FreeList {
    private var top: GoroutineRecord?
    private(set) var count = 0

    mutating func push(_ record: GoroutineRecord) {
        record.nextFree = top
        top = record
        count += 1
    }

    mutating func pop() -> GoroutineRecord? {
        guard let record = top else { return nil }
        top = record.nextFree
        record.nextFree = nil
        count -= 1
        return record
    }

    /// Takes up to `limit` records off this list, as a list of their own.
    mutating func pop(upTo limit: Int) -> FreeList {
        var taken = FreeList()
        while taken.count < limit, let record = pop() { taken.push(record) }
        return taken
    }

    mutating func push(contentsOf other: FreeList) {
        var other = other
        while let record = other.pop() { push(record) }
    }
}
