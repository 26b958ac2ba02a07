import Agent
import JSONValue
import TelloSDK
import TestSupport
import Testing

/// An order waiting for the state stream to settle an unknown flight state
/// goes on the moment the stream settles it: it waits on the settling line,
/// not on a clock tick.
@Suite struct SettleFlightWaitTests {
    @Test func aMoveWaitingForTheStreamGoesAsSoonAsTheStreamSettlesIt() async throws {
        try await RouterRig.simulated("settle-flight-wait") { rig in try await rig.running {
            #expect(await rig.send("connect_drone")["success"] == true)
            rig.tello.hold("takeoff")  // its ok never comes: whether the drone flies is unknown
            #expect(await rig.send("drone_command", ["action": "takeoff"])["success"] == false)
            let replies = MessageLog()
            async let move: Void = replies.append(await rig.send("drone_command", ["action": "move_forward", "parameters": ["distance": 30]]))
            let settledAt = rig.time.now
            for _ in 0..<LandingWatch.linesToLand { rig.tello.pushState(TelloState(tof: 100, h: 100).line) }
            try await eventually("the move to reach the drone") { rig.tello.sent.contains("forward 30") }
            // The driver moves the clock only when every task waits: a move that waited for a tick would go later.
            #expect(rig.time.now == settledAt, "the move went when the lines came, not at a tick of the clock")
            await move
            #expect(replies.all.first?["success"] == true, "\(replies.all)")
        } }
    }
}
