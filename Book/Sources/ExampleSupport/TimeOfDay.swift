#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The local time now as `HH:MM:SS`, 24-hour. Go: `time.Now().Format("15:04:05")`.
public func timeOfDay() -> String {
    var now = time(nil)
    var local = tm()
    localtime_r(&now, &local)
    return [local.tm_hour, local.tm_min, local.tm_sec]
        .map { $0 < 10 ? "0\($0)" : "\($0)" }
        .joined(separator: ":")
}
