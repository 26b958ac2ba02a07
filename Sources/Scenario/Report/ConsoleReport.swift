import Clocks

/// What `tello-scenario run` prints: one progress line per scenario as it
/// finishes, the details of each failure, and a summary with the library's
/// wall time and virtual flight time.
public enum ConsoleReport {
    /// `[3/12] PASS close-1005  20 runs  0.41s wall  62s scenario time`
    public static func progressLine(_ outcome: ScenarioOutcome, position: Int, total: Int) -> String {
        let verdict = outcome.passed ? "PASS" : "FAIL"
        let runs = outcome.runs == 1 ? "1 run" : "\(outcome.runs) runs"
        return "[\(position)/\(total)] \(verdict) \(outcome.name)  \(runs)  \(seconds(outcome.wallTime)) wall  "
            + "\(seconds(outcome.scenarioTime)) scenario time"
    }

    /// The failure explained: step, expected vs received, then the tails.
    public static func failureDetail(_ outcome: ScenarioOutcome) -> String {
        guard let failure = outcome.failure else { return "" }
        var lines = ["  \(outcome.path): run \(failure.run), \(failure.headline)"]
        if let note = failure.note { lines.append("  note: \(note)") }
        lines.append("  expected: \(failure.expected)")
        lines.append("  received: \(failure.received)")
        if !failure.transcriptTail.isEmpty {
            lines.append("  transcript (last \(failure.transcriptTail.count)):")
            lines += failure.transcriptTail.map { "    \($0)" }
        }
        if !failure.logTail.isEmpty {
            lines.append("  log (last \(failure.logTail.count)):")
            lines += failure.logTail.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `12 scenarios: 11 passed, 1 failed (close-1005)` plus total wall and scenario time.
    public static func summary(_ outcomes: [ScenarioOutcome]) -> String {
        let failed = outcomes.filter { !$0.passed }
        let wall = outcomes.reduce(Duration.zero) { $0 + $1.wallTime }
        let flight = outcomes.reduce(Duration.zero) { $0 + $1.scenarioTime }
        var line = "\(outcomes.count) scenario\(outcomes.count == 1 ? "" : "s"): \(outcomes.count - failed.count) passed, \(failed.count) failed"
        if !failed.isEmpty { line += " (" + failed.map(\.name).joined(separator: ", ") + ")" }
        return line + "\nlibrary wall time \(seconds(wall)), virtual flight time \(seconds(flight)) per run"
    }

    /// Seconds with two decimals: `0.41s`, `62.00s`.
    static func seconds(_ duration: Duration) -> String {
        let hundredths = Int((duration.seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
}
