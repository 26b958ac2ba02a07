/// What makes any text safe to put on a log line: bounded, and with every
/// character that could end the line, rewrite the terminal or hide text
/// escaped.
///
/// Field values are often client input (a request's `type` or `id`, a
/// close reason): `\r\n` in one would forge a whole log line, ESC would
/// drive the operator's terminal, and a megabyte value repeated per request
/// fills the disk. `LogField` and `LogRecord` apply this to every value by
/// construction, so no call site can forget.
public enum LogText {
    /// `text` whole when at most `limit` Unicode scalars, else that many and
    /// `…[+N bytes]`: the one bound for log values and for the input replies
    /// quote back (`Echo`). Scalars, not `Character`s: one character can be
    /// megabytes of combining marks.
    public static func bounded(_ text: some StringProtocol, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
              end != scalars.endIndex else { return String(text) }
        var kept = ""
        kept.unicodeScalars.append(contentsOf: scalars[..<end])
        return kept + "…[+\(text.utf8.count - kept.utf8.count) bytes]"
    }

    /// Scalars written as an escape: C0 and C1 controls, DEL, the Unicode
    /// line and paragraph separators, and the bidirectional overrides that
    /// can make a line read differently from what it contains.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// `\n`, `\r`, `\t`, or `\uXXXX`; when `quoted`, also `\"` and `\\`.
    static func escaped(_ text: String, quoted: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"" where quoted: out += "\\\""
            case "\\" where quoted: out += "\\\\"
            case _ where needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A field value as written: bare when it is one plain token, else quoted with escapes.
    static func value(_ text: String) -> String {
        let plain = !text.isEmpty && !text.unicodeScalars.contains {
            $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || needsEscape($0)
        }
        return plain ? text : "\"" + escaped(text, quoted: true) + "\""
    }
}
