import Agent
import JSONValue
import TelloSim
import TestSupport
import Testing

/// Shadow mode in flight, over the embedded simulator: a drone that answers
/// `ok` to `up 50` without climbing ends the step 50 cm below the
/// prediction, and clients hear it once, naming the step; a drone that does
/// what the model does raises nothing. Both responses carry the summary.
@Suite struct DivergenceAgentTests {
    static let order = "起飞，向上飞行50厘米，然后降落"

    @Test func aDroneThatDoesNotClimbDivergesAtThatStep() async throws {
        var simulator = PreflightAgentTests.smallRoom
        simulator.faults.forcedReplies = ["up 50": "ok"]
        try await AgentHarness.with(simulator: simulator) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let response = try await client.request("natural_language_command", ["command": .string(Self.order)], within: 60)
            #expect(response["success"]?.boolValue == true, "\(response)")
            let event = try await client.first(type: "divergence")
            #expect(event["data"]?["step"]?.doubleValue == 1, "\(event)")
            #expect(event["data"]?["quantity"]?.stringValue == "height")
            #expect(event["data"]?["predicted"]?.doubleValue == 150)
            #expect(abs((event["data"]?["observed"]?.doubleValue ?? .nan) - 100) < 15, "\(event)")
            #expect(event["data"]?["threshold"]?.doubleValue == 30)
            #expect(client.received.filter { $0["type"]?.stringValue == "divergence" }.count == 1, "\(client.received)")
            let divergences = response["preflight"]?["divergences"]?.arrayValue
            #expect(divergences == event["data"].map { [$0] }, "\(response)")
            #expect(response["preflight"]?["observed"]?.arrayValue?.count == 3)
            let warnings = rig.logs.records.filter { $0.message == "plan diverges from its preflight" }
            #expect(warnings.count == 1)
            #expect(warnings.first?.fields.contains { $0.key == "step" && $0.value == "2" } == true, "\(warnings)")
            let truth = await rig.agent.simulator!.groundTruth
            #expect(truth.motorTime > 0 && !truth.flying, "it flew and landed: \(truth)")
        }
    }

    @Test func aDroneThatFliesLikeTheModelRaisesNone() async throws {
        try await AgentHarness.with(simulator: PreflightAgentTests.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let response = try await client.request("natural_language_command", ["command": .string(Self.order)], within: 60)
            #expect(response["success"]?.boolValue == true, "\(response)")
            let observed = response["preflight"]?["observed"]?.arrayValue ?? []
            #expect(observed.count == 3, "\(response)")
            #expect(response["preflight"]?["divergences"]?.arrayValue == [])
            // The summary is real readings: the climb was seen at the top.
            let climb = observed.count == 3 ? observed[1] : [:]
            #expect(climb["predicted"]?["height"]?.doubleValue == 150)
            #expect(abs((climb["observed"]?["height"]?.doubleValue ?? .nan) - 150) < 30, "\(climb)")
            #expect(client.received.allSatisfy { $0["type"]?.stringValue != "divergence" })
            #expect(!rig.logs.records.contains { $0.message == "plan diverges from its preflight" })
        }
    }
}
