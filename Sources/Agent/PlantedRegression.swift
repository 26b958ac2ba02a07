import JSONValue

/// A bug put into the agent on purpose, only by tests: it proves that a
/// scenario converted from a recorded session fails, and at the right step,
/// when the agent's behaviour changes. Named by `TELLO_AGENT_PLANTED_REGRESSION`
/// in the environment the agent starts with; never set in production.
package enum PlantedRegression: String, Sendable, CaseIterable {
    /// `drone_command` responses to moves (`move_forward`, ...) leave out the request's `id`.
    case moveResponsesLoseTheirID = "move-responses-lose-their-id"

    package static let variable = "TELLO_AGENT_PLANTED_REGRESSION"

    /// `response` as the planted bug would have it.
    func apply(to response: JSONValue, for request: AgentRequest) -> JSONValue {
        switch self {
        case .moveResponsesLoseTheirID:
            guard request.type == "drone_command", request.data["action"]?.stringValue?.hasPrefix("move_") == true,
                  var fields = response.objectValue else { return response }
            fields["id"] = nil
            return .object(fields)
        }
    }
}
