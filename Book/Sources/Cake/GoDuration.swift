/// Durations written as Go writes them: `10ms`, `2.5ms`, `1.5s`, `1m30s`, `250µs`, `0`.
///
/// The `cake` command takes its times in this form, so that a shop's parameters read the same
/// as in the original's Go source. Go: `time.ParseDuration` and `time.Duration.String`.
public enum GoDuration {
    /// Parses a duration: an optional sign, then one or more decimal numbers, each with a unit
    /// (`ns`, `us` or `µs`, `ms`, `s`, `m`, `h`), or a bare `0`. Returns nil for anything else,
    /// including a number without a unit. Go: `time.ParseDuration(text)`.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var nanoseconds = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unitName = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unitName.count)
            guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1,
                  let value = Double(number.hasPrefix(".") ? "0" + number : number),
                  let unit = units[String(unitName)]
            else { return nil }
            nanoseconds += value * unit
        }
        guard nanoseconds <= Double(Int64.max) else { return nil }   // Go: "invalid duration"
        let whole = Int64(nanoseconds.rounded())
        return .nanoseconds(negative ? -whole : whole)
    }

    /// Writes a duration the way Go prints one: the largest fitting unit below a second
    /// (`1.5ms`, `250µs`, `40ns`), hours, minutes and seconds above (`1.5s`, `1m30s`,
    /// `1h0m0s`), `0s` for zero. Go: `d.String()`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        // Go's durations are nanoseconds in an Int64; longer ones saturate.
        let scaled = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total = scaled.overflow ? (seconds < 0 ? .min : .max) : scaled.partialValue &+ attoseconds / 1_000_000_000
        if total == 0 { return "0s" }
        let sign = total < 0 ? "-" : ""
        let magnitude = total.magnitude
        if magnitude < 1_000 { return "\(sign)\(magnitude)ns" }
        if magnitude < 1_000_000 { return sign + decimal(magnitude, scale: 1_000) + "µs" }
        if magnitude < 1_000_000_000 { return sign + decimal(magnitude, scale: 1_000_000) + "ms" }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let secondsPart = decimal(magnitude % 60_000_000_000, scale: 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(secondsPart)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(secondsPart)" }
        return sign + secondsPart
    }

    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// `value / scale` in decimal, without trailing zeros after the point.
    private static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(scale).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
