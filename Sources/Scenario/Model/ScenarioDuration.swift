/// Durations in scenario files are written with their unit ("250ms", "5s",
/// "1.5s", "2m") so nobody has to guess whether `5000` meant milliseconds.
public enum ScenarioDuration {
    /// Parses `<number><unit>` with unit `ms`, `s` or `m`; nil for anything else
    /// (negative, missing unit, not finite). Precision is one millisecond.
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value.isFinite
            else { return nil }
            let milliseconds = (value * unit.milliseconds).rounded()
            guard milliseconds <= 86_400_000 else { return nil }  // a day is more than any scenario needs
            return .milliseconds(Int64(milliseconds))
        }
        return nil
    }

    /// The inverse of `parse` for whole milliseconds: `1500ms` renders as "1.5s",
    /// `250ms` as "250ms", so reports and recordings read the way files are written.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 || milliseconds % 100 != 0 { return "\(milliseconds)ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100)s"
    }
}
