import JSONValue

/// The outcome of one action, shaped like a `drone_command` response body:
/// `success`, `action`, `message`, `data` / or `success:false`, `action`, `error`
/// (docs/protocol.md; also each entry of `execution_results`).
public struct ActionResult: Sendable, Equatable {
    public var success: Bool
    public var action: String
    public var text: AgentText
    public var data: [String: JSONValue]

    public static func done(_ action: String, _ text: AgentText, data: [String: JSONValue] = [:]) -> ActionResult {
        ActionResult(success: true, action: action, text: text, data: data)
    }

    public static func failed(_ action: String, _ text: AgentText, data: [String: JSONValue] = [:]) -> ActionResult {
        ActionResult(success: false, action: action, text: text, data: data)
    }

    /// `action` may be a client's unknown name: quoted bounded, like every echo.
    public func fields(_ language: AgentLanguage) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["success": .bool(success), "action": .string(Echo.text(action))]
        fields[success ? "message" : "error"] = .string(text.render(language))
        if success || !data.isEmpty { fields["data"] = .object(data) }
        return fields
    }
}
