import Agent
import Clocks
import JSONValue
import Logs
import Sockets
import TelloSDK
import TelloSim
import TestSupport
import Testing

/// When the reply to a state-changing command is lost the agent does not
/// know whether the drone flies; the state stream settles it, and `land` is
/// never refused meanwhile. A late reply to `land` is not a landing "by itself".
/// In memory and virtual time (`SimulatedDroneRig`): the takeoff's 20 s timeout costs no wall time.
@Suite struct DroneFlightUnknownTests {
    typealias Rig = SimulatedDroneRig

    @Test func aLostTakeoffOkDoesNotKeepLandFromBeingSent() async throws {
        // No auto-land within the takeoff's 20 s timeout: the drone hovers on.
        try await Rig.with({ $0.parameters.autoLandAfter = .seconds(120) }) { rig in
            try await rig.loseRepliesOnceInStep()
            let takeoff = await rig.drone.perform(.takeoff, name: "takeoff")
            try await rig.simulator.setFaults(FaultPlan())
            #expect(!takeoff.success, "its ok was lost")
            #expect(await rig.simulator.groundTruth.flying, "yet the drone took off")
            #expect(await rig.drone.isFlying, "the agent does not claim the drone is down")
            let land = await rig.drone.perform(.land, name: "land")
            #expect(land.success && land.text != .notFlying, "land is sent: \(land)")
            #expect(await !rig.simulator.groundTruth.flying)
        }
    }

    @Test func theStreamSettlesALostTakeoffOkAsFlying() async throws {
        try await Rig.with({ $0.parameters.autoLandAfter = .seconds(120) }) { rig in
            try await rig.loseRepliesOnceInStep()
            _ = await rig.drone.perform(.takeoff, name: "takeoff")
            try await rig.simulator.setFaults(FaultPlan())
            try await eventually("the stream to settle the flight", within: 10) {
                rig.log.records.contains { $0.message == "flight state settled from the state stream" }
            }
            #expect(await rig.drone.snapshot.flying)
            let again = await rig.drone.perform(.takeoff, name: "takeoff")
            #expect(again.text == .alreadyFlying, "settled: the drone is known to fly")
        }
    }

    @Test func aLateReplyToLandIsNotALandingByItself() async throws {
        try await Rig.with { rig in
            #expect(await rig.drone.perform(.takeoff, name: "takeoff").success)
            var slow = FaultPlan()
            slow.replyDelayMilliseconds = 3000  // the drone is down for 3 s (30 state lines) before its ok
            try await rig.simulator.setFaults(slow)
            #expect(await rig.drone.perform(.land, name: "land").success)
            #expect(await !rig.drone.isFlying)
            #expect(!rig.log.records.contains { $0.message == "drone landed by itself" })
        }
    }
}

/// The same as a user meets it, through the router on `FakeTello`: the order
/// "降落" after a takeoff whose `ok` was lost lands the drone.
@Suite struct LostTakeoffOkRouterTests {
    @Test func anOrderToLandIsCarriedOutAfterALostTakeoffOk() async throws {
        try await RouterRig.simulated("lost-takeoff-ok") { rig in await rig.running {
            #expect(await rig.send("connect_drone")["success"] == true)
            rig.tello.hold("takeoff")  // its ok never comes
            #expect(await rig.send("drone_command", ["action": "takeoff"])["success"] == false)
            for _ in 0..<LandingWatch.linesToLand { rig.tello.pushState(TelloState(tof: 100, h: 100).line) }
            let order = await rig.send("natural_language_command", ["command": "降落"])
            #expect(order["success"] == true)
            #expect(rig.tello.sent.contains("land"), "land reached the drone: \(rig.tello.sent)")
        } }
    }
}

extension SimulatedDroneRig {
    /// Loses every reply from now on, once the link is in step (a read
    /// answered), so the next command goes out at once and only its reply is lost.
    func loseRepliesOnceInStep() async throws {
        var answered = false
        for _ in 0..<20 where !answered {
            if case .reply = await link.send(.wifi) { answered = true }
        }
        #expect(answered, "the link is in step")
        var lossy = FaultPlan()
        lossy.replyLoss = 1
        try await simulator.setFaults(lossy)
    }
}
