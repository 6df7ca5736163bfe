// Clear-box hooks for tests, this package's and the book programs' (a package of their own, so
// the hooks are public behind `@_spi(Testing) import Channels`): they let a test wait until an
// operation has really parked instead of sleeping and hoping.

extension Chan {
    /// Receivers (including select cases) currently parked on this channel.
    @_spi(Testing) public var parkedReceiverCount: Int { storage.withLock { $0.receivers.count } }

    /// Senders (including select cases) currently parked on this channel.
    @_spi(Testing) public var parkedSenderCount: Int { storage.withLock { $0.senders.count } }
}

extension ReceiveChan {
    /// Values really held in the buffer, even for a timer channel (which reports `count` 0).
    @_spi(Testing) public var bufferedValueCount: Int { storage.withLock { $0.buffer.count } }
}

extension GoroutineExecutor {
    /// Whether the calling thread is one of this executor's workers.
    @_spi(Testing) public var isCurrentThreadAWorker: Bool {
        Self.currentWorker.value?.executorIdentity == ObjectIdentifier(self)
    }
}
