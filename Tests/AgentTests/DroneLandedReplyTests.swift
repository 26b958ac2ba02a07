import Agent
import JSONValue
import Testing

/// A refusal that says the motors are off (`error Motor stop`, `error Auto
/// land`, as TelloSDK classifies them) ends the agent's belief that the drone
/// flies; any other refusal leaves it.
@Suite struct DroneLandedReplyTests {
    @Test(arguments: ["error Motor stop", "error Auto land", "error motor stop\r\n"])
    func aMotorsOffRefusalMeansNotFlying(reply: String) async {
        let rig = RouterRig()
        await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            rig.tello.answer("forward 30", with: reply)
            let move = await rig.send("drone_command", ["action": "move_forward"])
            #expect(move["success"] == false)
            #expect(await rig.send("get_status")["status"]?["flying"] == false)
        }
    }

    @Test(arguments: ["error Not joystick", "error", "out of range", "error Motor stopped by user?"])
    func otherRefusalsLeaveTheDroneFlying(reply: String) async {
        let rig = RouterRig()
        await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            rig.tello.answer("forward 30", with: reply)
            let move = await rig.send("drone_command", ["action": "move_forward"])
            #expect(move["success"] == false)
            #expect(await rig.send("get_status")["status"]?["flying"] == true)
        }
    }
}
