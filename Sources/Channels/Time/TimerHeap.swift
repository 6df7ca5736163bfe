/// The process's timer facility for the real clocks (`ContinuousClock`, `SuspendingClock`): one
/// min-heap of deadlines and one thread that sleeps until the earliest, as Go's runtime keeps
/// its timers in per-P heaps instead of a goroutine each.
///
/// Arming a timer is one allocation and an O(log n) insertion; stopping it removes it in
/// O(log n); 100,000 pending timers cost their heap entries and nothing else (no task, no stack).
/// The thread delivers each due value through the timer channel's own delivery path, outside
/// the heap's lock, and re-arms tickers.
package final class TimerHeap: @unchecked Sendable {
    // Invariant: `heap`, every listed entry's `deadline` and `heapIndex`, and `threadStarted`
    // are read and written only while `lock` is held. Entries are delivered after unlocking.

    package static let shared = TimerHeap()

    private let lock = PthreadLock()
    private let wakeUp = MonotonicCondition()      // signalled when the earliest deadline moves up
    private var heap: [HeapTimer] = []             // a binary min-heap on `deadline`
    private var threadStarted = false

    private init() {}

    /// Arms `timer` to fire at `deadline` (`monotonicNanoseconds`).
    func schedule(_ timer: HeapTimer, at deadline: UInt64) {
        DeadlockDetector.activityBegan()
        lock.lock()
        timer.deadline = deadline
        push(timer)
        let startThread = !threadStarted
        threadStarted = true
        if timer.heapIndex == 0 { wakeUp.signal() }  // the thread may sleep past the new deadline
        lock.unlock()
        if startThread {
            Channels.startThread(name: "timers") { [self] in run() }
        }
    }

    /// Disarms `timer`. Returns false if it was not in the heap (already fired, or being fired).
    @discardableResult
    func cancel(_ timer: HeapTimer) -> Bool {
        lock.lock()
        let removed = timer.heapIndex >= 0
        if removed { remove(at: timer.heapIndex) }
        lock.unlock()
        if removed { DeadlockDetector.activityEnded() }
        return removed
    }

    /// Whether `timer` is in the heap, for tests.
    func contains(_ timer: HeapTimer) -> Bool {
        lock.withLock { timer.heapIndex >= 0 }
    }

    /// The number of armed timers, for tests and measurements.
    package var count: Int {
        lock.withLock { heap.count }
    }

    // MARK: the timer thread

    private func run() {
        var due: [(timer: HeapTimer, deadline: UInt64)] = []
        lock.lock()
        while true {
            let now = monotonicNanoseconds()
            while let first = heap.first, first.deadline <= now {
                due.append((first, first.deadline))
                remove(at: 0)
            }
            if due.isEmpty {
                if let first = heap.first {
                    wakeUp.wait(releasing: lock, until: first.deadline)
                } else {
                    wakeUp.wait(releasing: lock, until: nil)
                }
                continue
            }
            lock.unlock()
            for (timer, deadline) in due {
                if let next = timer.fire(deadline: deadline, now: now) {
                    lock.lock()
                    timer.deadline = next
                    push(timer)
                    lock.unlock()
                } else {
                    DeadlockDetector.activityEnded()
                }
            }
            due.removeAll(keepingCapacity: true)
            lock.lock()
        }
    }

    // MARK: the heap

    private func push(_ timer: HeapTimer) {
        timer.heapIndex = heap.count
        heap.append(timer)
        siftUp(heap.count - 1)
    }

    private func remove(at index: Int) {
        let last = heap.count - 1
        heap[index].heapIndex = -1
        if index != last {
            heap[index] = heap[last]
            heap[index].heapIndex = index
        }
        heap.removeLast()
        if index < heap.count {
            siftDown(index)
            siftUp(index)
        }
    }

    private func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }

    private func swapAt(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        heap[i].heapIndex = i
        heap[j].heapIndex = j
    }
}

/// An armed timer in the heap. Subclassed per clock type; a fresh entry per arming, so that a
/// stale entry (stopped while being fired) can never be confused with its successor.
class HeapTimer: @unchecked Sendable {
    // Invariant: `deadline` and `heapIndex` are guarded by `TimerHeap`'s lock.
    var deadline: UInt64 = 0      // in `monotonicNanoseconds`
    var heapIndex = -1            // position in the heap; -1 when not in it

    /// Delivers the timer's value, on the timer thread with no lock held; `deadline` is the one
    /// it was due at. Returns the next deadline for a ticker that is still current, nil when the
    /// entry is done.
    func fire(deadline: UInt64, now: UInt64) -> UInt64? {
        preconditionFailure("HeapTimer is abstract")
    }
}
