import JSONValue
import Planner

/// Builders for every message the agent sends, in the shapes of
/// docs/protocol.md. Pure: each returns a `JSONValue` object; the session
/// renders it with `text` (sorted keys, so transcripts compare bytes).
package enum AgentMessage {
    /// Sent once right after the handshake, as the original did.
    package static func connectionEstablished(_ language: AgentLanguage) -> JSONValue {
        ["type": "connection_established", "success": true, "message": .string(AgentText.connectionEstablished.render(language))]
    }

    /// `{"type":"error","success":false,"error":...}` for frames that are not a request.
    package static func error(_ text: AgentText, id: JSONValue? = nil, _ language: AgentLanguage) -> JSONValue {
        withID(["type": "error", "success": false, "error": .string(text.render(language))], id)
    }

    /// `<request type>_response` with `fields` merged at the top level (not under `data`).
    /// Every type the agent knows is short; an unknown one is quoted bounded (`Echo`).
    package static func response(to type: String, id: JSONValue?, _ fields: [String: JSONValue]) -> JSONValue {
        var object = fields
        object["type"] = .string(Echo.text(type) + "_response")
        return withID(.object(object), id)
    }

    /// `{"type":"drone_status","data":<status>}`.
    package static func droneStatus(_ status: DroneStatus) -> JSONValue {
        ["type": "drone_status", "data": status.json]
    }

    /// Progress of a running plan, one per step before it is flown; `index` counts from 1.
    package static func commandExecuting(index: Int, total: Int, command: PlannedCommand) -> JSONValue {
        [
            "type": "command_executing",
            "data": ["index": .number(Double(index)), "total": .number(Double(total)),
                     "action": .string(command.action.rawValue), "description": .string(command.description)],
        ]
    }

    /// The end of a plan: how many steps ran and whether all of them succeeded.
    package static func aiCommandsExecuted(total: Int, executed: Int, success: Bool) -> JSONValue {
        [
            "type": "ai_commands_executed",
            "data": ["total_commands": .number(Double(total)), "executed_commands": .number(Double(executed)),
                     "success": .bool(success)],
        ]
    }

    private static func withID(_ message: JSONValue, _ id: JSONValue?) -> JSONValue {
        guard let id else { return message }
        var tagged = message
        tagged["id"] = id
        return tagged
    }
}
