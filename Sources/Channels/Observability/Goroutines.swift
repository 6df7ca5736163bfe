/// The live goroutines of the process: a Go-style dump of all of them, and a list to inspect.
///
/// Every goroutine started with `go` (and the main goroutine of `runMain`) is registered with
/// its id, where it was started and what it is blocked on, unless the environment sets
/// `SWIFT_CHANNELS_REGISTRY=off`. A goroutine's state is `running` unless it is parked in a
/// channel operation, a select, `WaitGroup.wait()`, `sleep(for:)` or `offload`.
///
/// Go: the goroutine dump printed on SIGQUIT or by an unrecovered panic, and
/// `runtime.NumGoroutine`.
public enum Goroutines {
    /// Every live registered goroutine, by id.
    public static var all: [GoroutineInfo] {
        GoroutineRegistry.shared.all().map(GoroutineInfo.init)
    }

    /// The number of live registered goroutines. Go: `runtime.NumGoroutine()`.
    public static var count: Int {
        GoroutineRegistry.shared.liveCount()
    }

    /// A dump of every live goroutine in Go's format: one paragraph per goroutine, with its id,
    /// its state and for how long, the channels it waits on, and where it was started.
    ///
    /// ```
    /// goroutine 7 [chan send, 2 minutes]:
    ///     send on Chan<String> "responses" (capacity 0, count 0)
    /// created by mirroredQuery() in goroutine 1
    ///     Mirrors/main.swift:15
    /// ```
    public static func dump() -> String {
        format(all)
    }

    /// Formats `goroutines` as `dump()` does.
    public static func format(_ goroutines: [GoroutineInfo]) -> String {
        goroutines.map(\.dumpParagraph).joined(separator: "\n")
    }

    /// Prints the dump on standard error whenever the process receives SIGQUIT (Ctrl-\ in a
    /// terminal), and lets the program run on. Go prints the same dump and then exits with
    /// status 2; a dump that ends the program would defeat looking twice. Setting
    /// `SWIFT_CHANNELS_DUMP_ON_SIGQUIT=1` in the environment does the same from the first
    /// `go` or `runMain`. Calling it again does nothing.
    public static func dumpOnQuitSignal() {
        QuitSignal.install()
    }
}

/// One goroutine as the registry saw it at one moment.
public struct GoroutineInfo: Sendable, CustomStringConvertible {
    /// Its id: 1 for the main goroutine of `runMain`, then in order of starting. Go: `goid`.
    public let id: UInt64
    /// The goroutine that started it, or nil if it was started by a task that is not a goroutine.
    public let parentID: UInt64?
    /// Where it was started: the `#fileID`, line and function of the `go` call.
    public let file: String
    public let line: Int
    public let function: String
    /// What it is doing.
    public let state: GoroutineState
    /// How long it has been in `state` (how long it has run, for a running goroutine), to a few
    /// milliseconds.
    public let duration: Duration
    /// The channels it waits on, described with their type, label, capacity and count; empty
    /// unless it is blocked on channels.
    public let channels: [String]
    /// Whether it is the main goroutine of `runMain`.
    public let isMain: Bool

    init(_ goroutine: (identity: GoroutineIdentity, wait: GoroutineWait, since: UInt64)) {
        let (identity, wait, since) = goroutine
        isMain = identity.isMain
        id = identity.id
        parentID = identity.parentID == 0 ? nil : identity.parentID
        file = identity.file
        line = identity.line
        function = identity.function
        let now = coarseMonotonicNanoseconds()
        let start = wait.isRunning ? identity.startedAt : since
        duration = .nanoseconds(Int64(clamping: now >= start ? now - start : 0))
        // The wait holds its channels strongly: describing them (which takes their locks)
        // happens after the goroutine's guard is released.
        switch wait {
        case .none: state = .running; channels = []
        case .send(let channel): state = .send; channels = [describe(channel)]
        case .receive(let channel): state = .receive; channels = [describe(channel)]
        case .select(let waiter):
            state = .select
            channels = waiter.waitedCases?.waitedChannels.map(describe) ?? []
        case .selectWithoutCases: state = .selectWithoutCases; channels = []
        case .waitGroup: state = .waitGroup; channels = []
        case .sleep: state = .sleep; channels = []
        case .offload: state = .offload; channels = []
        }
    }

    public var description: String { dumpParagraph }

    /// The goroutine's paragraph of the dump.
    var dumpParagraph: String {
        var text = "goroutine \(id) [\(state)\(Self.formatWait(duration, state: state))]:\n"
        for channel in channels {
            text += "\t\(state.verb) \(channel)\n"
        }
        if isMain {
            text += "main goroutine, run by runMain in \(function)\n"
        } else if let parentID {
            text += "created by \(function) in goroutine \(parentID)\n"
        } else {
            text += "created by \(function)\n"
        }
        text += "\t\(file):\(line)\n"
        return text
    }

    /// Go writes ", N minutes" once a goroutine has waited a minute; shorter waits are worth
    /// seeing too when hunting a stall, so they get seconds or milliseconds.
    static func formatWait(_ duration: Duration, state: GoroutineState) -> String {
        if state == .running { return "" }
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        switch milliseconds {
        case ..<1: return ""
        case ..<1000: return ", \(milliseconds)ms"
        case ..<60_000: return ", \(milliseconds / 1000)s"
        default:
            let minutes = milliseconds / 60_000
            return ", \(minutes) minute\(minutes == 1 ? "" : "s")"
        }
    }
}

/// What a goroutine is doing, named as Go's dump names it.
public enum GoroutineState: Sendable, Hashable, CustomStringConvertible {
    case running              // running or ready to run
    case send                 // blocked sending on a channel
    case receive              // blocked receiving from a channel
    case select               // blocked in a select
    case selectWithoutCases   // in a select with no enabled case, which waits until cancelled
    case waitGroup            // in `WaitGroup.wait()`
    case sleep                // in `sleep(for:)`
    case offload              // in a blocking call run by `offload`, on its worker or a pool thread

    public var description: String {
        switch self {
        case .running: "running"
        case .send: "chan send"
        case .receive: "chan receive"
        case .select: "select"
        case .selectWithoutCases: "select (no cases)"
        case .waitGroup: "sync.WaitGroup.Wait"
        case .sleep: "sleep"
        case .offload: "syscall"
        }
    }

    /// The word before each waited channel in the dump.
    var verb: String {
        switch self {
        case .send: "send on"
        case .receive: "receive from"
        default: "case on"
        }
    }
}

extension GoroutineWait {
    var isRunning: Bool {
        if case .none = self { return true }
        return false
    }
}

/// A channel storage, as the dump describes it.
protocol DescribableChannel: AnyObject {
    var dumpDescription: String { get }
}

/// A select's cases, as the dump lists their channels.
@usableFromInline
protocol SelectCaseChannels {
    var waitedChannels: [AnyObject] { get }
}

private func describe(_ channel: AnyObject) -> String {
    (channel as? any DescribableChannel)?.dumpDescription ?? "a channel"
}
