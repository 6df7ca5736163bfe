import NIOCore
import NIOPosix

/// A task executor that runs goroutines on the HTTP client's event-loop threads, as Go runs a
/// goroutine on the thread whose network poller readied it. Start a goroutine on it with
/// `go(executor: Links.goroutines) { }`.
///
/// A job readied on one of the loops (a response completing a request, or a channel operation
/// run there waking another goroutine) runs on that loop's thread at once, or, when a job of
/// this executor is already running there, as soon as that one suspends: in the order readied,
/// never one inside another. A job readied on any other thread goes to the loops in turn.
///
/// So a crawler's page runs from its response to the next request on one thread: the loop reads
/// the response, the goroutine that waited for it parses the page and passes its token on, and
/// the goroutine that receives the token writes its request, all before the loop reads the next
/// response. On `GoroutineExecutor` each page crossed from the loop to a worker thread and back,
/// and under a burst of responses both crossings waited behind the burst's other work.
///
/// The price is the loop's: while a goroutine runs, that loop reads and writes nothing. Run here
/// only goroutines that spend their time waiting on the network and on channels, never ones that
/// compute at length or block.
final class EventLoopGoroutines: TaskExecutor {
    private let group: MultiThreadedEventLoopGroup
    /// Each loop's run queue, by the loop's identity; fixed at creation.
    private let queues: [ObjectIdentifier: NIOLoopBoundBox<RunQueue>]

    /// Jobs a loop runs back to back before it lets its reads and writes go first.
    static let turnLimit = 64

    /// The jobs readied on one loop, and whether one of them is running there now.
    struct RunQueue {
        var jobs: CircularBuffer<UnownedJob> = []
        var draining = false
    }

    init(group: MultiThreadedEventLoopGroup) {
        self.group = group
        var queues: [ObjectIdentifier: NIOLoopBoundBox<RunQueue>] = [:]
        for loop in group.makeIterator() {
            queues[ObjectIdentifier(loop)] = NIOLoopBoundBox.makeBoxSendingValue(RunQueue(), eventLoop: loop)
        }
        self.queues = queues
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let queue = queues[ObjectIdentifier(loop)] {
            run(job, on: loop, queue)
        } else {
            let loop = group.next()
            let queue = queues[ObjectIdentifier(loop)]!
            loop.execute { self.run(job, on: loop, queue) }
        }
    }

    /// Runs `job` on `loop`, whose thread is the caller's: now, or after the jobs readied before
    /// it when one is running.
    private func run(_ job: UnownedJob, on loop: any EventLoop, _ queue: NIOLoopBoundBox<RunQueue>) {
        queue.value.jobs.append(job)
        if !queue.value.draining { drain(loop, queue) }
    }

    private func drain(_ loop: any EventLoop, _ queue: NIOLoopBoundBox<RunQueue>) {
        queue.value.draining = true
        let me = asUnownedTaskExecutor()
        var turns = 0
        while let job = queue.value.jobs.popFirst() {
            if turns == Self.turnLimit {
                // Let the loop read and write, and carry on as its next task. The queue stays
                // marked as draining, so that jobs readied meanwhile keep their place.
                queue.value.jobs.prepend(job)
                loop.execute { self.drain(loop, queue) }
                return
            }
            job.runSynchronously(on: me)
            turns += 1
        }
        queue.value.draining = false
    }
}
