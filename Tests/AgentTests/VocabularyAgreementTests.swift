import Agent
import DroneVocabulary
import JSONValue
import TestSupport
import Testing

@testable import Planner

/// Every action of the vocabulary table, walked through the planners (the
/// offline rules and the model plan reader), the checker (a plan's step and a
/// client's `drone_command`) and the link (the datagram the drone is sent):
/// they agree on names, ranges, defaults and the out-of-range policy.
/// Driven by `DroneVocabulary.table`, so a new action is walked too.
@Suite struct VocabularyAgreementTests {
    @Test(arguments: DroneAction.allCases)
    func rangeEndsAndTheDefaultAreFlownAsPlanned(action: DroneAction) async throws {
        guard let parameter = action.parameter else { return }
        try await RouterRig.simulated("vocabulary-range-ends") { rig in try await rig.connected {
            _ = try await Self.run(rig, "drone_command", ["action": "takeoff"])
            for amount in [parameter.range.lowerBound, parameter.defaultValue, parameter.range.upperBound] {
                let expected = action.telloCommand(amount: amount)?.text
                if action.isPlannable {
                    for chinese in [true, false] {
                        let order = Wording(chinese: chinese).describe(action, amount)
                        #expect(try OfflinePlanner().planNow(order).commands == [PlannedCommand(action, amount: amount, description: order)])
                    }
                    let model = try PlanNormalisation.commands(from: ["commands": [["action": .string(action.rawValue),
                                                                                      "parameters": [parameter.name: .number(amount)]]]])
                    #expect(model == [PlannedCommand(action, amount: amount)])
                    // The plan, flown: the step's result and the datagram.
                    let (answer, sent) = try await Self.run(rig, "natural_language_command",
                                                        ["command": .string(Wording(chinese: true).describe(action, amount))])
                    #expect(answer["success"] == true, "\(action.rawValue) \(amount): \(answer.text)")
                    #expect(answer["execution_results"]?.arrayValue?.first?["data"]?[parameter.name] == .number(amount))
                    #expect(sent == expected.map { [$0] } ?? [], "\(action.rawValue) \(amount) as a plan")
                }
                #expect(CheckedAction(planned: PlannedCommand(action, amount: amount))
                        == CheckedAction.resolve(action: action.rawValue, parameters: [parameter.name: .number(amount)]))
                let (answer, sent) = try await Self.run(rig, "drone_command", ["action": .string(action.rawValue),
                                                                          "parameters": [parameter.name: .number(amount)]])
                #expect(answer["data"]?[parameter.name] == .number(amount))
                #expect(answer["data"]?["clamped"] == nil)
                #expect(sent == expected.map { [$0] } ?? [], "\(action.rawValue) \(amount) as a drone_command")
            }
        } }
    }

    @Test(arguments: DroneAction.allCases)
    func outsideTheRangePlansAreRefusedAndCommandsClamped(action: DroneAction) async throws {
        guard let parameter = action.parameter else { return }
        try await RouterRig.simulated("vocabulary-outside-range") { rig in try await rig.connected {
            _ = try await Self.run(rig, "drone_command", ["action": "takeoff"])
            let step = 1 / Double(parameter.stepsPerUnit)
            let outside = [(parameter.range.lowerBound - step, parameter.range.lowerBound),
                           (parameter.range.upperBound + step, parameter.range.upperBound)]
            for (amount, bound) in outside where parameter.rounded(amount) > 0 {
                if action.isPlannable {
                    for chinese in [true, false] {
                        #expect(throws: PlanningError.self) { try OfflinePlanner().planNow(Wording(chinese: chinese).describe(action, amount)) }
                    }
                    #expect(throws: PlanningError.self) {
                        try PlanNormalisation.commands(from: ["action": .string(action.rawValue), "parameters": [parameter.name: .number(amount)]])
                    }
                }
                guard case .refused = CheckedAction(planned: PlannedCommand(action, amount: amount)) else {
                    Issue.record("\(action.rawValue) \(amount) in a plan: not refused")
                    continue
                }
                let (answer, sent) = try await Self.run(rig, "drone_command", ["action": .string(action.rawValue),
                                                                          "parameters": [parameter.name: .number(amount)]])
                #expect(answer["data"]?["clamped"] == ["from": .number(parameter.rounded(amount)), "to": .number(bound)])
                #expect(sent == action.telloCommand(amount: bound).map { [$0.text] } ?? [])
            }
            for amount in [0, -parameter.range.lowerBound] {
                #expect(CheckedAction(planned: PlannedCommand(action, amount: amount)) == CheckedAction.checked(action, amount: amount, from: .command))
                guard case .refused = CheckedAction.checked(action, amount: amount, from: .command) else {
                    Issue.record("\(action.rawValue) \(amount): not refused")
                    continue
                }
            }
        } }
    }

    /// No amount: the planner shows the table's default (or leaves it out, for
    /// hover) and every path flies the table's default.
    @Test(arguments: DroneAction.allCases)
    func withoutAnAmountTheDefaultIsFlown(action: DroneAction) async throws {
        try await RouterRig.simulated("vocabulary-default") { rig in try await rig.connected { () async throws in
            if action != .takeoff { _ = try await Self.run(rig, "drone_command", ["action": "takeoff"]) }
            let flown = action.parameter?.defaultValue
            if action.isPlannable {
                let order = Wording(chinese: true).describe(action, nil)
                let shown = action.parameter?.defaultShownInPlan == true ? flown : nil
                #expect(try OfflinePlanner().planNow(order).commands.map(\.action) == [action], "\(order)")
                #expect(try OfflinePlanner().planNow(order).commands.map(\.amount) == [shown], "\(order)")
                #expect(try PlanNormalisation.commands(from: ["action": .string(action.rawValue)]) == [PlannedCommand(action)])
            }
            #expect(CheckedAction(planned: PlannedCommand(action)) == CheckedAction.resolve(action: action.rawValue, parameters: [:]))
            let (answer, sent) = try await Self.run(rig, "drone_command", ["action": .string(action.rawValue)])
            #expect(answer["success"] == true, "\(action.rawValue): \(answer.text)")
            if let parameter = action.parameter { #expect(answer["data"]?[parameter.name] == flown.map(JSONValue.number)) }
            #expect(sent == action.telloCommand(amount: flown).map { [$0.text] } ?? [], "\(action.rawValue)")
        } }
    }

    /// Sends one request and waits for its answer (the simulation runs the
    /// clock for a hover, with keepalive reads); returns the answer and what
    /// the drone was sent meanwhile, a hover's keepalive left out.
    static func run(_ rig: RouterRig, _ type: String, _ data: JSONValue) async throws -> (JSONValue, [String]) {
        let before = rig.tello.sent.count
        let answer = await rig.send(type, data)
        // Emergency is sent and not waited for: its datagram may leave just after the answer.
        if data["action"] == "emergency" {
            try await eventually("the emergency datagram") { rig.tello.sent.dropFirst(before).contains("emergency") }
        }
        let hover = data["action"] == "hover" || data["command"]?.stringValue?.contains("悬停") == true
        let keepalive: Set<String> = ["battery?", "sdk?", "keepalive"]
        return (answer, rig.tello.sent.dropFirst(before).filter { !hover || !keepalive.contains($0) })
    }
}
