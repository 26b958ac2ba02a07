import JSONValue

/// The outcome of one action, shaped like a `drone_command` response body:
/// `success`, `action`, `message`, `data` / or `success:false`, `action`, `error`
/// (docs/protocol.md; also each entry of `execution_results`).
package struct ActionResult: Sendable, Equatable {
    package var success: Bool
    package var action: String
    package var text: AgentText
    package var data: [String: JSONValue]

    package static func done(_ action: String, _ text: AgentText, data: [String: JSONValue] = [:]) -> ActionResult {
        ActionResult(success: true, action: action, text: text, data: data)
    }

    package static func failed(_ action: String, _ text: AgentText, data: [String: JSONValue] = [:]) -> ActionResult {
        ActionResult(success: false, action: action, text: text, data: data)
    }

    /// `action` may be a client's unknown name: quoted bounded, like every echo.
    package func fields(_ language: AgentLanguage) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["success": .bool(success), "action": .string(Echo.text(action))]
        fields[success ? "message" : "error"] = .string(text.render(language))
        if success || !data.isEmpty { fields["data"] = .object(data) }
        return fields
    }
}
