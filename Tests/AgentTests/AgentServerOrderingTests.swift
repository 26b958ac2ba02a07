import Agent
import Foundation
import JSONValue
import TelloSim
import TestSupport
import Testing

/// One client's state-changing requests take effect in the order they were
/// sent, as with the original agent, while reads and emergencies stay prompt.
@Suite struct AgentServerOrderingTests {
    @Test func anOrderSentRightAfterConnectFlies() async throws {
        var slowReplies = SimulatedTello.Configuration.exact()
        slowReplies.faults.replyDelayMilliseconds = 500  // connecting takes three replies: 1.5 s of drone time
        try await AgentHarness.with(simulator: slowReplies) { rig in
            let client = try await rig.client()
            await client.send(["type": "connect_drone", "id": "connect"])
            await client.send(["type": "natural_language_command", "data": ["command": "起飞然后降落"], "id": "order"])
            let order = try await client.first(within: 30, "the order's answer") { $0["id"] == "order" }
            #expect(order["message"] != .string(AgentText.plannedOnly.render(.chinese)), "the drone was connected first")
            #expect(order["success"] == true)
            #expect(order["execution_results"]?.arrayValue?.count == 2)
            let ids = client.received.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["connect", "order"], "answered in the order sent")
        }
    }

    @Test func takeoffMoveLandSentBackToBackAllFly() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            await client.send(["type": "drone_command", "data": ["action": "takeoff"], "id": "t"])
            await client.send(["type": "drone_command", "data": ["action": "move_forward", "parameters": ["distance": 50]], "id": "m"])
            await client.send(["type": "drone_command", "data": ["action": "land"], "id": "l"])
            let land = try await client.first(within: 30, "land's answer") { $0["id"] == "l" }
            #expect(land["success"] == true)
            let answers = client.received.filter { ["t", "m", "l"].contains($0["id"]?.stringValue ?? "") }
            #expect(answers.compactMap { $0["id"]?.stringValue } == ["t", "m", "l"])
            #expect(answers.allSatisfy { $0["success"] == true }, "nothing refused as busy: \(answers)")
            let truth = await rig.agent.simulator!.groundTruth
            #expect(!truth.flying)
            #expect(abs(truth.x - 50) < 1, "the move flew once")
        }
    }

    @Test func aFullQueueRefusesWithTheIDAndAnEmergencyDropsWhatWaits() async throws {
        try await AgentHarness.with(simulator: AgentServerEmergencyTests.slowDrone) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            _ = try await client.request("drone_command", ["action": "takeoff"])
            await client.send(["type": "drone_command", "data": ["action": "move_forward", "parameters": ["distance": 500]], "id": "move"])
            for i in 0...16 {
                await client.send(["type": "drone_command", "data": ["action": "move_up", "parameters": ["distance": 20]], "id": .string("q\(i)")])
            }
            let refused = try await client.first(within: 10, "the refusal") { $0["type"] == "error" }
            #expect(refused["id"] == "q16")
            #expect(refused["error"] == .string(AgentText.tooManyQueued(16).render(.chinese)))
            #expect(try await client.request("get_status")["status"]?["flying"] == true, "reads pass the queue")
            _ = try await client.request("emergency")
            try await eventually("every queued answer", within: 20) {
                client.received.filter { $0["id"]?.stringValue?.hasPrefix("q") == true }.count == 17
            }
            let queued = client.received.filter { ($0["id"]?.stringValue ?? "").hasPrefix("q") && $0["id"] != "q16" }
            #expect(queued.count == 16)
            #expect(queued.allSatisfy { $0["success"] == false && $0["error"] == .string(AgentText.planCancelled.render(.chinese)) })
            // A Tello never answers `emergency`: the datagram may land after its answer was read.
            try await eventually("the drone to receive emergency", within: 5) { await !rig.agent.simulator!.groundTruth.motorsOn }
        }
    }
}
