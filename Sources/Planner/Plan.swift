import DroneVocabulary
import JSONValue

/// One step of a plan, typed: an action of the vocabulary and its amount,
/// already checked against `DroneVocabulary.table` by the planner that made
/// it (in range, on the step). JSON only at the edge: `json` is the
/// `ai_analysis.commands` entry a client sees.
package struct PlannedCommand: Sendable, Equatable {
    package var action: DroneAction
    /// In the action's unit; nil when the order named none (the table's
    /// default is flown, and the plan does not show it).
    package var amount: Double?
    package var description: String

    package init(_ action: DroneAction, amount: Double? = nil, description: String = "") {
        self.action = action
        self.amount = action.parameter == nil ? nil : amount
        self.description = description
    }

    /// `{"distance": 30}`, or `{}` for actions without an amount or a step that names none.
    package var parameters: [String: JSONValue] {
        guard let name = action.parameterName, let amount else { return [:] }
        return [name: .number(amount)]
    }

    /// `{"action":…,"parameters":{…},"description":…}`, the shape inside `ai_analysis.commands`.
    package var json: JSONValue {
        .object(["action": .string(action.rawValue), "parameters": .object(parameters), "description": .string(description)])
    }
}

/// What a planner made of an order: the steps, and the planner's own text
/// (`raw_response` in `ai_analysis`).
package struct Plan: Sendable, Equatable {
    package var commands: [PlannedCommand]
    package var rawResponse: String

    package init(commands: [PlannedCommand], rawResponse: String) {
        self.commands = commands
        self.rawResponse = rawResponse
    }
}

/// Why an order was not planned; `message` is shown to the user.
package struct PlanningError: Error, Sendable, Equatable {
    package var message: String

    package init(_ message: String) { self.message = message }
}

/// Turns a natural-language order into a plan. The offline rule-based
/// planner is the default; LLM providers implement the same protocol.
package protocol Planner: Sendable {
    func plan(_ order: String) async throws(PlanningError) -> Plan
}
