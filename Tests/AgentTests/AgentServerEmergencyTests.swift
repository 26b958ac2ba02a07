import Agent
import Foundation
import JSONValue
import TelloSim
import TestSupport
import Testing

/// An emergency is never refused, queued or delayed by what the same client
/// or anyone else has in flight: it is answered and reaches the drone
/// (the embedded simulator's ground truth).
@Suite struct AgentServerEmergencyTests {
    /// The simulator flying at its slowest speed: a 500 cm move takes 50 s of its time (10 s here).
    static var slowDrone: SimulatedTello.Configuration {
        var configuration = SimulatedTello.Configuration.exact()
        configuration.parameters.initialSpeed = 10
        return configuration
    }

    @Test func emergencyGetsThroughWhileTheClientHasManyReadsInFlightBehindALongMove() async throws {
        try await AgentHarness.with(simulator: Self.slowDrone) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            #expect(try await client.request("drone_command", ["action": "takeoff"])["success"] == true)
            await client.send(["type": "drone_command", "data": ["action": "move_forward", "parameters": ["distance": 500]], "id": "move"])
            let simulator = rig.agent.simulator!
            try await eventually("the move under way", within: 10) { await simulator.groundTruth.x > 1 }
            // With the state stream lost, a read is asked of the drone, not answered from the stream.
            var faults = await simulator.faults
            faults.stateLoss = 1
            try await simulator.setFaults(faults)
            try await eventually("the state stream to go stale", within: 10) { await !rig.agent.drone.answersReadsFromState }
            // A page polling the battery: every read waits behind the move at the link.
            for i in 0..<24 {
                await client.send(["type": "drone_command", "data": ["action": "get_battery"], "id": .string("poll\(i)")])
            }
            _ = try await client.first(within: 10, "a refused read") { $0["type"] == "error" }
            let stop = try await client.request("emergency", within: 5)
            #expect(stop["type"] == "emergency_response")
            #expect(stop["success"] == true)
            // A Tello never answers `emergency`: the agent answers once the datagram is out, and the
            // client may read that answer before the drone has read the datagram.
            try await eventually("the drone to receive emergency", within: 5) { await !simulator.groundTruth.motorsOn }
            #expect(await simulator.groundTruth.x < 400, "the 5 m move was cut short")
            let move = try await client.first(within: 10, "the move's answer") { $0["id"] == "move" }
            #expect(move["success"] == false)
        }
    }

    @Test func threeHundredBackToBackEmergenciesAreAllAnswered() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            #expect(try await client.request("drone_command", ["action": "takeoff"])["success"] == true)
            for i in 0..<300 {
                await client.send(["type": "emergency", "id": .string("e\(i)")])
            }
            try await eventually("300 emergency answers", within: 30) {
                client.received.filter { $0["type"] == "emergency_response" }.count == 300
            }
            #expect(!client.received.contains { $0["type"] == "error" }, "no emergency was refused")
            let failed = client.received.filter { $0["type"] == "emergency_response" && $0["success"] != true }
            #expect(failed.isEmpty, "an emergency overtaken by the next one was still sent: \(failed.prefix(2))")
            try await eventually("the drone to receive emergency", within: 5) { await rig.agent.simulator!.groundTruth.motorsOn == false }
        }
    }
}
