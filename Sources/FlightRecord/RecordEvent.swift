import JSONValue

/// One thing that crossed the agent's edge during a recorded session: a
/// WebSocket message or lifecycle event, a datagram to or from the drone, a
/// 3002 exchange, an LLM exchange, or a note from the recorder itself.
/// Values are kept as they came (texts are shared, not copied): rendering and
/// redaction happen on the recorder's writer thread, off every hot path.
package enum RecordEvent: Sendable {
    case wsOpen(client: String, address: String, path: String, origin: String?)
    case wsRefused(address: String, status: Int, reason: String, path: String? = nil, origin: String? = nil)
    case wsInText(client: String, text: String)
    case wsInBinary(client: String, count: Int)
    case wsOutText(client: String, text: String)
    case wsOutBinary(client: String, count: Int)
    case wsClose(client: String, code: Int, reason: String, initiator: String)
    case droneOut(String)
    case droneIn(String)
    case droneState(String)
    case video(bytes: Int, keyframe: Bool)
    case backendPost(id: Int, url: String, body: String)
    case backendReply(id: Int, status: Int?, error: String?)
    case llmRequest(id: Int, provider: String, url: String, body: String)
    case llmReply(id: Int, status: Int?, body: String?, error: String?)
    case note(String)

    /// The event's `kind` in the log (docs/recording.md).
    package var kind: String {
        switch self {
        case .wsOpen: "ws_open"
        case .wsRefused: "ws_refused"
        case .wsInText, .wsInBinary: "ws_in"
        case .wsOutText, .wsOutBinary: "ws_out"
        case .wsClose: "ws_close"
        case .droneOut: "drone_out"
        case .droneIn: "drone_in"
        case .droneState: "drone_state"
        case .video: "video"
        case .backendPost: "backend_post"
        case .backendReply: "backend_reply"
        case .llmRequest: "llm_request"
        case .llmReply: "llm_reply"
        case .note: "note"
        }
    }

    /// The members besides `t` and `kind`, secrets replaced by `redaction`.
    package func fields(_ redaction: Redaction) -> [String: JSONValue] {
        switch self {
        case .wsOpen(let client, let address, let path, let origin):
            var fields: [String: JSONValue] = ["client": .string(client), "address": .string(address),
                                               "path": .string(redaction.url(path))]
            if let origin { fields["origin"] = .string(origin) }
            return fields
        case .wsRefused(let address, let status, let reason, let path, let origin):
            var fields: [String: JSONValue] = ["address": .string(address), "status": .number(Double(status)),
                                               "reason": .string(redaction.text(reason))]
            if let path { fields["path"] = .string(redaction.url(path)) }
            if let origin { fields["origin"] = .string(origin) }
            return fields
        case .wsInText(let client, let text):
            return Self.bounded(["client": .string(client)], text: text) { redaction.message($0) }
        case .wsInBinary(let client, let count), .wsOutBinary(let client, let count):
            return ["client": .string(client), "binary": .number(Double(count))]
        case .wsOutText(let client, let text):
            // The agent's own messages never name a credential; only known secrets are looked for.
            return Self.bounded(["client": .string(client)], text: text) { redaction.text($0) }
        case .wsClose(let client, let code, let reason, let initiator):
            return ["client": .string(client), "code": .number(Double(code)), "reason": .string(redaction.text(reason)),
                    "initiator": .string(initiator)]
        case .droneOut(let text), .droneIn(let text), .droneState(let text):
            return ["text": .string(text)]
        case .video(let bytes, let keyframe):
            return ["bytes": .number(Double(bytes)), "keyframe": .bool(keyframe)]
        case .backendPost(let id, let url, let body):
            return ["id": .number(Double(id)), "url": .string(redaction.url(url)), "body": .string(redaction.message(body))]
        case .backendReply(let id, let status, let error):
            var fields: [String: JSONValue] = ["id": .number(Double(id))]
            if let status { fields["status"] = .number(Double(status)) }
            if let error { fields["error"] = .string(redaction.text(error)) }
            return fields
        case .llmRequest(let id, let provider, let url, let body):
            return ["id": .number(Double(id)), "provider": .string(provider), "url": .string(redaction.url(url)),
                    "body": .string(redaction.message(body))]
        case .llmReply(let id, let status, let body, let error):
            var fields: [String: JSONValue] = ["id": .number(Double(id))]
            if let status { fields["status"] = .number(Double(status)) }
            if let body { fields["body"] = .string(redaction.message(body)) }
            if let error { fields["error"] = .string(redaction.text(error)) }
            return fields
        case .note(let text):
            return ["text": .string(text)]
        }
    }

    /// Text messages longer than this (bytes of UTF-8) are recorded by size only (`text_bytes`), so one
    /// huge message cannot fill a part of the file, nor a cut JSON text hide a credential from redaction.
    package static let maxText = 256 * 1024

    /// `fields` with `text` added, or `text_bytes` for a text longer than `maxText`.
    static func bounded(_ fields: [String: JSONValue], text: String, redact: (String) -> String) -> [String: JSONValue] {
        var fields = fields
        let length = text.utf8.count
        if length <= maxText { fields["text"] = .string(redact(text)) } else { fields["text_bytes"] = .number(Double(length)) }
        return fields
    }

    /// One line of the log: `{"t":..., "kind":..., ...}` (no newline).
    package func line(at seconds: Double, _ redaction: Redaction) -> String {
        var object = fields(redaction)
        object["t"] = .verbatimNumber(Self.microseconds(seconds))
        object["kind"] = .string(kind)
        return JSONValue.object(object).text
    }

    /// Seconds with six decimals, as JSON number text.
    static func microseconds(_ seconds: Double) -> String {
        let micros = Int64((max(0, seconds) * 1_000_000).rounded())
        let whole = micros / 1_000_000, fraction = micros % 1_000_000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// Where the agent's parts hand what they saw. The agent holds one optional
/// sink and knows nothing of files: `FlightRecorder` is the one that writes.
/// `record` must return at once: it is called on hot paths (every message,
/// every datagram).
package protocol RecordSink: Sendable {
    func record(_ event: RecordEvent)
}
