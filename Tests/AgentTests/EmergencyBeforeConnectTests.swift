import Agent
import Testing

/// An emergency before `connect_drone` reaches a drone out of SDK mode, which
/// obeys nothing: the agent's belief that it is on the ground stands, so the
/// takeoff after connecting is not taken for "already flying".
@Suite struct EmergencyBeforeConnectTests {
    @Test func anEmergencyBeforeConnectLeavesTheDroneOnTheGround() async throws {
        let rig = RouterRig()
        await rig.running {
            #expect(await rig.send("emergency")["success"] == true)
            #expect(await !rig.router.drone.isFlying, "before connect_drone the drone obeyed nothing")
        }
    }
}
