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
        let rig = RouterRig()
        await rig.start()
        #expect(await rig.requestWhileClockRuns("connect_drone")?["success"] == true)
        rig.tello.hold("takeoff")  // its ok never comes: whether the drone flies is unknown
        #expect(await rig.requestWhileClockRuns("drone_command", ["action": "takeoff"])?["success"] == false)
        let replies = MessageLog()
        async let move: Void = replies.append(await rig.send("drone_command", ["action": "move_forward", "parameters": ["distance": 30]]))
        // The virtual clock stands still from here: only the state lines can let the move go.
        for _ in 0..<LandingWatch.linesToLand { rig.tello.pushState(TelloState(tof: 100, h: 100).line) }
        try await eventually("the move to reach the drone with the clock standing still") {
            rig.tello.sent.contains("forward 30")
        }
        await rig.runClock(step: .milliseconds(100)) { !replies.all.isEmpty }  // lets the request end whatever happened
        await move
        #expect(replies.all.first?["success"] == true, "\(replies.all)")
    }
}
