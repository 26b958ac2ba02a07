import DroneVocabulary
import Planner

/// One fuzz input through both text parsers of the Planner: the offline
/// rules (the bytes as an order) and the LLM plan extraction (the bytes as a
/// model reply). Crashes and hangs are bugs; so is any broken invariant below,
/// which traps so libFuzzer saves the input.
enum PlannerFuzzInput {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let planner = OfflinePlanner()
        let first = Result { () throws(PlanningError) in try planner.planNow(text) }
        let second = Result { () throws(PlanningError) in try planner.planNow(text) }
        precondition(first == second, "offline planner is not deterministic")
        if case .success(let plan) = first {
            precondition(!plan.commands.isEmpty && plan.commands.count <= OfflinePlanner.maximumSteps, "plan size out of bounds")
            for command in plan.commands { checkInRange(command) }
        }
        if case .success(let plan) = Result(catching: { () throws(PlanningError) in try PlanExtraction.plan(from: text) }) {
            precondition(!plan.commands.isEmpty, "an extracted plan is never empty")
            for command in plan.commands {
                precondition(command.action.isPlannable, "extracted an action outside the plannable vocabulary")
                checkInRange(command)
            }
        }
    }

    /// Both planners refuse rather than emit anything the drone could not fly
    /// as planned: every amount is in range and on its step.
    static func checkInRange(_ command: PlannedCommand) {
        precondition(command.action.isPlannable, "planned \(command.action.rawValue), which no plan may hold")
        guard let parameter = command.action.parameter, let amount = command.amount else { return }
        guard parameter.check(amount, from: .order) == .fits(amount) else {
            preconditionFailure("\(command.action.rawValue) \(amount) out of range or off its step")
        }
    }
}
