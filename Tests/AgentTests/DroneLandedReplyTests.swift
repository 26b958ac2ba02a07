import Agent
import JSONValue
import Testing

/// A refusal that says the motors are off (`error Motor stop`, `error Auto
/// land`, as TelloSDK classifies them) ends the agent's belief that the drone
/// flies; any other refusal leaves it.
@Suite struct DroneLandedReplyTests {
    /// Whether the agent still counts the drone as flying after a move it
    /// sent in flight was answered `reply`.
    func flying(afterMoveAnswered reply: String) async -> JSONValue? {
        let rig = RouterRig()
        return await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            rig.tello.answer("forward 30", with: reply)
            let move = await rig.send("drone_command", ["action": "move_forward"])
            #expect(move["success"] == false)
            return await rig.send("get_status")["status"]?["flying"]
        }
    }

    @Test(arguments: ["error Motor stop", "error Auto land", "error motor stop\r\n"])
    func aMotorsOffRefusalMeansNotFlying(reply: String) async {
        #expect(await flying(afterMoveAnswered: reply) == false)
    }

    @Test(arguments: ["error Not joystick", "error", "out of range", "error Motor stopped by user?"])
    func otherRefusalsLeaveTheDroneFlying(reply: String) async {
        #expect(await flying(afterMoveAnswered: reply) == true)
    }
}
