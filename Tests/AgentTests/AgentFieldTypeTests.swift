import Agent
import Foundation
import JSONValue
import TestSupport
import Testing

/// A field of the wrong JSON type is an error naming the field and the type
/// it must have, never a silent default or a loose reading.
@Suite struct AgentFieldTypeTests {
    @Test(arguments: ["0x20", "inf", "nan", "1e2x", "+50", ".5", "50cm", ""])
    func onlyDecimalNumbersAreReadFromStrings(_ text: String) {
        guard case .refused(.invalidParameter(let name, let why)) =
            CheckedAction.resolve(action: "move_up", parameters: ["distance": .string(text)]) else {
            Issue.record("\"\(text)\" was taken as a number")
            return
        }
        #expect(name == "distance" && why.contains("must be a number"))
    }

    @Test func decimalStringsStillCount() {
        guard case .move(let command, _) = CheckedAction.resolve(action: "move_up", parameters: ["distance": " 50 "]) else {
            Issue.record("\" 50 \" was refused")
            return
        }
        #expect(command.text == "up 50")
        guard case .move(let exponent, _) = CheckedAction.resolve(action: "move_up", parameters: ["distance": "1e2"]) else {
            Issue.record("\"1e2\" was refused")
            return
        }
        #expect(exponent.text == "up 100")
    }

    @Test func parametersThatAreNotAnObjectAreRefusedNotDefaulted() async {
        let rig = RouterRig()
        await rig.connected {
            let reply = await rig.send("drone_command", ["action": "move_up", "parameters": [50]], id: "p")
            #expect(reply["success"] == false)
            #expect(reply["error"] == "字段 data.parameters 类型错误：应为JSON对象")
            #expect(reply["id"] == "p")
            #expect(rig.tello.sent.allSatisfy { !$0.hasPrefix("up") }, "nothing was flown")
        }
    }

    /// Safety first: a malformed field never stands between a client and an emergency.
    /// In a `Simulation`, which drives the rig's clock: the wait for the datagrams is in virtual time.
    @Test func anEmergencyIsNeverRefusedForItsParameters() async throws {
        try await Simulation.run(name: "emergency-fields") { simulation in try await Self.emergencies(in: simulation) }
    }

    static func emergencies(in simulation: Simulation) async throws {
        let rig = RouterRig(time: simulation.time)
        try await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            let viaCommand = await rig.send("drone_command", ["action": "emergency", "parameters": [1]])
            #expect(viaCommand["success"] == true)
            let viaType = await rig.send("emergency", ["parameters": "now!"])
            #expect(viaType["success"] == true)
            // Not waited for (real drones never answer it): its datagram leaves right after the reply.
            try await eventually { rig.tello.sent.filter { $0 == "emergency" }.count == 2 }
            #expect(rig.tello.sent.filter { $0 == "emergency" }.count == 2)
        }
    }

    @Test func statusUpdatesNeedABoolean() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            let reply = try await client.request("set_status_updates", ["enabled": "false"])
            #expect(reply["success"] == false)
            #expect(reply["error"] == "字段 data.enabled 类型错误：应为布尔值（true 或 false）")
            #expect(try await client.request("set_status_updates", ["enabled": false])["enabled"] == false)
            #expect(try await client.request("set_status_updates")["enabled"] == true)
        }
    }
}
