import Agent
import JSONValue
import TelloSim
import TestSupport
import Testing

/// The embedded simulator behaves as a real Tello: left on the ground with its
/// motors off it overheats and switches itself off. A user without a drone has
/// no power button to press, so `connect_drone` presses it: a fresh boot, and
/// the drone answers again. In memory, on virtual time: the 4 minutes pass as
/// fast as the code runs.
@Suite struct EmbeddedDronePowerOnTests {
    @Test func connectDroneSwitchesOnTheEmbeddedDroneThatOverheatedAndItFlies() async throws {
        // The real drone's parameters (not `.exact()`): the thermal shutdown is on.
        try await AgentHarness.with({ $0.language = .english }, simulator: .init()) { rig in
            let simulator = try #require(rig.agent.simulator)
            let client = try await rig.client()
            let first = try await client.request("connect_drone", within: 60)
            #expect(first["success"]?.boolValue == true, "\(first)")
            #expect(first["powered_on"] == nil, "a drone that was on is not switched on: \(first)")

            try await eventually("the drone overheated on the ground", within: 300) { await simulator.groundTruth.poweredOff }
            let batteryWhenOff = await simulator.groundTruth.battery
            // Meanwhile the agent shows the drone gone: status and get_status say not connected.
            try await eventually("the link reported lost", within: 60) { await !rig.agent.drone.snapshot.connected }
            try await eventually("a drone_status saying not connected", within: 10) {
                client.received.contains { $0["type"]?.stringValue == "drone_status" && $0["data"]?["connected"]?.boolValue == false }
            }

            let again = try await client.request("connect_drone", within: 60)
            #expect(again["success"]?.boolValue == true, "\(again)")
            #expect(again["powered_on"]?.boolValue == true, "\(again)")
            #expect(again["message"]?.stringValue?.contains("switched itself off") == true, "\(again)")
            #expect(!rig.logs.records.filter { $0.component == "drone" && $0.message.contains("switched on again") }.isEmpty)
            let truth = await simulator.groundTruth
            #expect(!truth.poweredOff && truth.sdkMode && !truth.flying, "a fresh boot, in SDK mode again: \(truth)")
            #expect(abs(truth.battery - batteryWhenOff) < 1, "the battery is as it was: \(truth.battery) vs \(batteryWhenOff)")
            #expect(await rig.agent.drone.snapshot.connected)

            // The drone answers: it takes off and lands.
            let takeoff = try await client.request("drone_command", ["action": "takeoff"], within: 60)
            #expect(takeoff["success"]?.boolValue == true, "\(takeoff)")
            #expect(await simulator.groundTruth.flying)
            let land = try await client.request("drone_command", ["action": "land"], within: 60)
            #expect(land["success"]?.boolValue == true, "\(land)")
        }
    }
}
