@testable import Agent
import JSONValue
import TelloSDK
import TestSupport
import Testing

/// The height the agent believes follows the up/down moves it flew at once,
/// not only when the next state line arrives: a preflight checked right
/// after a move's `ok` starts from where the move ended.
@Suite struct DroneHeightBeliefTests {
    @Test func upAndDownMovesChangeTheHeightUntilTheStreamMeasuresIt() {
        var status = DroneStatus()
        status.height = 100
        status.track(move: .up, centimetres: 100, heading: 0)
        #expect(status.height == 200)
        status.track(move: .down, centimetres: 250, heading: 0)
        #expect(status.height == 0)
        status.track(move: .forward, centimetres: 50, heading: 0)
        #expect(status.height == 0)
    }
}

/// A climb the stream already measured while the move flew is not added
/// again at its `ok`: the height believed after the move is where it
/// started plus the move, whatever lines arrived on the way.
@Suite struct DroneHeightDuringMoveTests {
    func status(_ rig: RouterRig) async -> JSONValue? { await rig.send("get_status")["status"] }

    @Test(arguments: [("move_up", 150), ("move_down", 50)])
    func aMoveMeasuredOnTheWayIsCountedOnce(action: String, expected: Int) async throws {
        let rig = RouterRig()
        try await rig.connected {
            #expect(await rig.send("drone_command", ["action": "takeoff"])["success"] == true)
            rig.tello.pushState(TelloState(tof: 100, h: 100).line)
            try await eventually("the first line") { await status(rig)?["height"] == 100 }
            rig.tello.hold(action == "move_up" ? "up" : "down")
            async let move = rig.send("drone_command", ["action": .string(action), "parameters": ["distance": 50]])
            try await eventually("the move sent") { rig.tello.sent.contains { $0.hasPrefix(action == "move_up" ? "up" : "down") } }
            // The drone reports the height it reached before its `ok`.
            rig.tello.pushState(TelloState(tof: expected, h: expected).line)
            try await eventually("the line during the move") { await status(rig)?["height"] == .number(Double(expected)) }
            rig.tello.release()
            #expect(await move["success"] == true)
            let after = await status(rig)
            #expect(after?["height"] == .number(Double(expected)) && after?["tof"] == .number(Double(expected)),
                    "counted once: \(after?.text ?? "")")
        }
    }
}
