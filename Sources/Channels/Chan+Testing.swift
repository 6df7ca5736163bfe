// Clear-box hooks for the package's own tests: they let a test wait until an operation has
// really parked instead of sleeping and hoping.

extension Chan {
    /// Receivers (including select cases) currently parked on this channel.
    package var parkedReceiverCount: Int { storage.withLock { $0.receivers.count } }

    /// Senders (including select cases) currently parked on this channel.
    package var parkedSenderCount: Int { storage.withLock { $0.senders.count } }
}

extension ReceiveChan {
    /// Values really held in the buffer, even for a timer channel (which reports `count` 0).
    package var bufferedValueCount: Int { storage.withLock { $0.buffer.count } }
}

extension GoroutineExecutor {
    /// Whether the calling thread is one of this executor's workers.
    package var isCurrentThreadAWorker: Bool {
        Self.currentWorker.value?.executorIdentity == ObjectIdentifier(self)
    }
}
