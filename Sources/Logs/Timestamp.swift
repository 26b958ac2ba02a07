import Glibc

/// The time a log line starts with: UTC, ISO 8601, milliseconds,
/// `2026-11-29T04:42:30.549Z`, from the system's real-time clock.
enum Timestamp {
    static func iso8601Now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return iso8601(seconds: now.tv_sec, nanoseconds: Int(now.tv_nsec))
    }

    /// `seconds` since the Unix epoch (plus `nanoseconds`, truncated to milliseconds) as UTC.
    static func iso8601(seconds: Int, nanoseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2)
            + "." + digits(nanoseconds / 1_000_000, 3) + "Z"
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
