import JSONValue

/// How each transcript event is written: deterministic text, JSON with sorted
/// keys and redacted members, long payloads summarised.
public enum TranscriptFormat {
    /// Text longer than this is written as its length and first characters
    /// (an oversized test message must not become a 10 MiB transcript line).
    public static let maxTextLength = 400

    public static func line(for event: TranscriptEvent, setup: TranscriptSetup) -> String {
        switch event {
        case .connected(_, let path, let origin):
            return "connect \(path)" + (origin.map { " origin=\($0)" } ?? "")
        case .refused(_, let status):
            return "refused \(status)"
        case .sent(_, let payload):
            return "-> " + render(payload, setup: setup)
        case .received(_, .text(let text)):
            return "<- " + renderText(text, setup: setup)
        case .received(_, .binary(let bytes)):
            return "<- binary " + summary(bytes)
        case .clientClosed(_, let code?, let reason):
            return "close \(code) \(JSONValue.string(reason).text)"
        case .clientClosed(_, nil, _):
            return "close without status"
        case .vanished:
            return "vanish (TCP dropped)"
        case .agentClosed(_, let code, let reason):
            return "closed by agent \(code) \(JSONValue.string(reason).text)"
        case .advanced(let duration):
            return "advance \(ScenarioDuration.format(duration))"
        case .fault(let fault):
            return "fault " + fault.json.text
        case .backend(let up):
            return "backend " + (up ? "up" : "down")
        case .backendRequest(let method, let path, let body):
            return "\(method) \(path)" + (body.map { " " + redact($0, keys: setup.redactedKeys).text } ?? "")
        }
    }

    static func render(_ payload: Payload, setup: TranscriptSetup) -> String {
        switch payload {
        case .json(let value): redact(value, keys: setup.redactedKeys).text
        case .text(let text): renderText(text, setup: setup)
        case .filler(let count): "text of \(count) bytes"
        case .binary(let bytes): "binary " + summary(bytes)
        case .raw(let bytes): "raw bytes " + summary(bytes)
        }
    }

    /// JSON text is re-rendered canonically (sorted keys, redactions) so
    /// member order on the wire does not matter; other text is quoted.
    static func renderText(_ text: String, setup: TranscriptSetup) -> String {
        if text.utf8.count <= 1 << 20, let value = try? JSONValue(parsing: text), value.objectValue != nil {
            return shorten(redact(value, keys: setup.redactedKeys).text)
        }
        return "text " + shorten(JSONValue.string(text).text)
    }

    static func shorten(_ text: String) -> String {
        guard text.count > maxTextLength else { return text }
        return String(text.prefix(maxTextLength)) + "... (\(text.utf8.count) bytes)"
    }

    /// `N bytes` plus the first 16 bytes in hex.
    static func summary(_ bytes: [UInt8]) -> String {
        let hex = Hex.encode(bytes.prefix(16))
        return "\(bytes.count) bytes" + (hex.isEmpty ? "" : " " + hex) + (bytes.count > 16 ? "..." : "")
    }

    /// Replaces the value of every member named in `keys`, at any depth, with `"<redacted>"`.
    public static func redact(_ value: JSONValue, keys: Set<String>) -> JSONValue {
        guard !keys.isEmpty else { return value }
        switch value {
        case .object(let fields):
            var copy: [String: JSONValue] = [:]
            for (key, member) in fields { copy[key] = keys.contains(key) ? "<redacted>" : redact(member, keys: keys) }
            return .object(copy)
        case .array(let items):
            return .array(items.map { redact($0, keys: keys) })
        default:
            return value
        }
    }
}
