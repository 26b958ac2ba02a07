import JSONValue

/// One step of a plan, in the agent protocol's action vocabulary
/// (`takeoff`, `move_forward`, `rotate_clockwise`, `hover`, ...; see
/// docs/protocol.md).
///
/// Parameters stay loose JSON here because they come from users and LLMs;
/// the Agent validates and clamps them before anything reaches the drone.
public struct PlannedCommand: Sendable, Equatable {
    public var action: String
    public var parameters: [String: JSONValue]
    public var description: String

    public init(action: String, parameters: [String: JSONValue] = [:], description: String = "") {
        self.action = action
        self.parameters = parameters
        self.description = description
    }

    /// `{"action":…,"parameters":{…},"description":…}`, the shape inside `ai_analysis.commands`.
    public var json: JSONValue {
        .object(["action": .string(action), "parameters": .object(parameters), "description": .string(description)])
    }
}

/// What a planner made of an order: the steps, and the planner's own text
/// (`raw_response` in `ai_analysis`).
public struct Plan: Sendable, Equatable {
    public var commands: [PlannedCommand]
    public var rawResponse: String

    public init(commands: [PlannedCommand], rawResponse: String) {
        self.commands = commands
        self.rawResponse = rawResponse
    }
}

/// Why an order was not planned; `message` is shown to the user.
public struct PlanningError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }
}

/// Turns a natural-language order into a plan. The offline rule-based
/// planner is the default; LLM providers implement the same protocol.
public protocol Planner: Sendable {
    func plan(_ order: String) async throws(PlanningError) -> Plan
}
