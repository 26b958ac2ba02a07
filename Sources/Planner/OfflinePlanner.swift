import JSONValue

/// The default planner: deterministic rules for Chinese and English orders,
/// no network, no model. Same order, same plan, every time.
///
/// It splits an order into clauses (然后, 再, 并, 接着, 起飞后, and, then,
/// after that, commas), reads one action and at most one amount from each,
/// and refuses what it cannot read safely (negations, flips, unknown words,
/// amounts outside the SDK's ranges) with a reason instead of guessing.
/// Amounts left out take the original agent's defaults: 30 cm, 90°.
package struct OfflinePlanner: ComputingPlanner {
    /// More steps than this in one order is refused: a typo should not queue a long flight.
    package static let maximumSteps = 20

    package init() {}

    /// The synchronous core of `plan(_:)` (which runs it on the `PlanningThread`),
    /// for callers and benchmarks outside async code. Orders over
    /// `OrderLimit.maximumBytes` are refused before any work.
    package func planNow(_ order: String) throws(PlanningError) -> Plan {
        if let bytes = OrderLimit.excess(order) {
            throw PlanningError(Wording(chinese: !order.utf8.prefix(256).allSatisfy { $0 < 0x80 }).tooLong(bytes))
        }
        let text = OrderText(order)
        let wording = Wording(chinese: text.isChinese)
        if let negation = ClauseReader.negation(in: text.characters) {
            throw PlanningError(wording.negated(negation))
        }
        let clauses = text.clauses
        guard !clauses.isEmpty else { throw PlanningError(wording.empty) }
        guard clauses.count <= Self.maximumSteps else {
            throw PlanningError(wording.tooManySteps(clauses.count, limit: Self.maximumSteps))
        }
        var commands: [PlannedCommand] = []
        for clause in clauses {
            commands.append(try ClauseReader(clause: clause, wording: wording).command())
        }
        return Plan(commands: commands, rawResponse: Plan.rawResponse(for: commands, planner: "offline"))
    }
}

extension Plan {
    /// `raw_response` for planners without model text: the plan itself as
    /// JSON (sorted keys), so a client sees exactly what was planned and by whom.
    package static func rawResponse(for commands: [PlannedCommand], planner: String) -> String {
        JSONValue.object(["planner": .string(planner), "commands": .array(commands.map(\.json))]).text
    }
}
