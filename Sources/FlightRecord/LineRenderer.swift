import JSONValue

/// Renders events to lines on the writer thread. A broadcast is one `ws_out`
/// per client with the very same text: its redacted, escaped form is kept
/// from the previous line, so a status to 200 clients is escaped once, not 200 times.
struct LineRenderer {
    private var lastText = ""
    private var lastEscaped = ""

    /// One line with its newline; the same bytes `RecordEvent.line` gives (members in sorted order).
    mutating func line(_ event: RecordEvent, at seconds: Double, _ redaction: Redaction) -> String {
        guard case .wsOutText(let client, let text) = event, text.utf8.count <= RecordEvent.maxText else {
            return event.line(at: seconds, redaction) + "\n"
        }
        if text != lastText {
            lastText = text
            lastEscaped = JSONValue.string(redaction.text(text)).text
        }
        return #"{"client":"# + JSONValue.string(client).text + #","kind":"ws_out","t":"# + RecordEvent.microseconds(seconds)
            + #","text":"# + lastEscaped + "}\n"
    }
}
