/// The lines the `cake` command prints on standard output, kept here so that the tests and
/// the command agree on them.
public enum Report {
    /// `run 3: 229.41 ms`: how long one run took.
    public static func run(_ number: Int, took time: Duration) -> String {
        "run \(number): \(milliseconds(time, digits: 2)) ms"
    }

    /// `mean: 229.41 ms per run (10 runs)`: the mean of `times`.
    public static func mean(of times: [Duration]) -> String {
        let total = times.reduce(Duration.zero, +)
        let mean = times.isEmpty ? .zero : total / times.count
        return "mean: \(milliseconds(mean, digits: 2)) ms per run (\(times.count) \(times.count == 1 ? "run" : "runs"))"
    }

    /// `2 icers, 5 slots: 229.41 ms per run`: one point of a sweep.
    public static func point(_ point: Sweep.Point) -> String {
        "\(point.icers) \(point.icers == 1 ? "icer" : "icers"), \(point.bufferSize) \(point.bufferSize == 1 ? "slot" : "slots"): "
            + "\(milliseconds(point.timePerRun, digits: 2)) ms per run"
    }

    /// `229.41`: a duration in milliseconds with `digits` decimals.
    public static func milliseconds(_ duration: Duration, digits: Int) -> String {
        fixed(inMilliseconds(duration), digits)
    }
}
