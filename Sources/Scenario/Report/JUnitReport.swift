import Clocks

/// JUnit XML for CI dashboards: one `<testcase>` per scenario, a `<failure>`
/// holding the console's failure detail.
public enum JUnitReport {
    public static func xml(_ outcomes: [ScenarioOutcome], suite: String = "tello-scenario") -> String {
        let failures = outcomes.filter { !$0.passed }.count
        let total = outcomes.reduce(Duration.zero) { $0 + $1.wallTime }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuites name="\#(escape(suite))" tests="\#(outcomes.count)" failures="\#(failures)" time="\#(seconds(total))">"# + "\n"
        xml += #"  <testsuite name="\#(escape(suite))" tests="\#(outcomes.count)" failures="\#(failures)" errors="0" time="\#(seconds(total))">"# + "\n"
        for outcome in outcomes {
            let open = #"    <testcase classname="\#(escape(suite))" name="\#(escape(outcome.name))" file="\#(escape(outcome.path))" time="\#(seconds(outcome.wallTime))""#
            guard let failure = outcome.failure else {
                xml += open + "/>\n"
                continue
            }
            xml += open + ">\n"
            xml += #"      <failure message="\#(escape(failure.headline))" type="ScenarioFailure">"#
            xml += escape(ConsoleReport.failureDetail(outcome)) + "</failure>\n"
            xml += "    </testcase>\n"
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// Escapes the five XML specials, and drops characters XML 1.0 cannot
    /// hold at all (control characters other than tab, newline, return), which
    /// a received binary or malformed message could otherwise smuggle in.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out += allowed ? String(scalar) : "\u{FFFD}"
            }
        }
        return out
    }

    /// Seconds with three decimals, as JUnit readers expect.
    static func seconds(_ duration: Duration) -> String {
        let millis = Int((duration.seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
