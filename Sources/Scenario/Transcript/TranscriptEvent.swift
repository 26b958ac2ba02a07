import JSONValue

/// Something that happened during a run, as the transcript records it. Only
/// what the scenario controls or observes: no wall-clock time, port or
/// generated key, so the same scenario yields the same events every run.
public enum TranscriptEvent: Sendable, Equatable {
    case connected(client: String, path: String, origin: String?)
    case refused(client: String, status: Int)
    case sent(client: String, payload: Payload)
    case received(client: String, message: ReceivedMessage)
    /// The client started a close handshake; `code` nil: a close frame without status.
    case clientClosed(client: String, code: Int?, reason: String)
    case vanished(client: String)
    /// The agent closed the connection: its close code, or 1006 if the TCP stream just ended.
    case agentClosed(client: String, code: Int, reason: String)
    case advanced(Duration)
    case fault(SimulatorFault)
    case backend(up: Bool)
    case backendRequest(method: String, path: String, body: JSONValue?)

    /// The transcript section the event belongs to: a client's name, "scenario" or "backend".
    public var channel: String {
        switch self {
        case .connected(let client, _, _), .refused(let client, _), .sent(let client, _), .received(let client, _),
            .clientClosed(let client, _, _), .vanished(let client), .agentClosed(let client, _, _):
            client
        case .advanced, .fault, .backend: "scenario"
        case .backendRequest: "backend"
        }
    }
}

/// A WebSocket message a scripted client received.
public enum ReceivedMessage: Sendable, Equatable {
    case text(String)
    case binary([UInt8])

    /// The message as JSON, if it is a text message holding JSON.
    public var json: JSONValue? {
        guard case .text(let text) = self else { return nil }
        return try? JSONValue(parsing: text)
    }

    /// The `type` member of a JSON object message.
    public var type: String? { json?["type"]?.stringValue }
}
