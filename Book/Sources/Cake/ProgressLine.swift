#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Channels
import Synchronization

/// A live progress line on standard error: `\r` and the cakes finished so far out of the
/// total, with the time since the start, redrawn by a goroutine of its own a few times a
/// second while the shop works, so that drawing adds nothing to the cooks' steps.
///
/// ```swift
/// let progress = ProgressLine(total: shop.cakes * runs)
/// shop.observer = progress.observer
/// progress.start()
/// try await shop.work(runs: runs)
/// await progress.finish()    // the last frame, then a newline
/// ```
public final class ProgressLine: Sendable {
    /// Cakes to be finished in all.
    public let total: Int
    private let finished = Atomic<Int>(0)      // cakes finished so far
    private let startTime = ContinuousClock.now
    private let stop = Chan<Void>()            // closed by finish(): draw the last frame
    private let stopped = Chan<Void>()         // closed by the drawing goroutine when it is done

    public init(total: Int) {
        self.total = total
    }

    /// Counts a finished cake.
    public func cakeFinished() {
        finished.add(1, ordering: .relaxed)
    }

    /// A shop observer that counts the finished cakes.
    public var observer: @Sendable (Shop.Event) -> Void {
        { [self] event in
            if case .finished = event { cakeFinished() }
        }
    }

    /// The frame for `done` cakes of `total` after `elapsed`: `\r 37/200 cakes  0.4s`, the
    /// count padded to the total's width so that the line never shrinks.
    public static func frame(done: Int, total: Int, elapsed: Duration) -> String {
        let count = String(done)
        let width = String(total).count
        return "\r" + String(repeating: " ", count: max(0, width - count.count)) + count
            + "/\(total) cakes  " + fixed(inMilliseconds(elapsed) / 1000, 1) + "s"
    }

    /// Starts redrawing the line every `interval`.
    public func start(every interval: Duration = .milliseconds(100)) {
        go { [self] in
            let ticker = Ticker(every: interval)
            defer { ticker.stop() }
            var drawing = true
            while drawing {
                draw()
                drawing = try await select {
                    receive(from: ticker.channel) { _ in true }
                    receive(from: stop) { _ in false }
                }
            }
            draw()
            writeToStandardError("\n")
            stopped.close()
        }
    }

    /// Draws the final frame, ends the line, and returns once that is written.
    public func finish() async {
        stop.close()
        _ = try? await stopped.receive()
    }

    private func draw() {
        let done = finished.load(ordering: .relaxed)
        writeToStandardError(Self.frame(done: done, total: total, elapsed: ContinuousClock.now - startTime))
    }
}

/// Writes all of `text` to file descriptor 2. (The C global `stderr` needs a
/// `@preconcurrency` import in Swift 6.)
func writeToStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
    }
}
