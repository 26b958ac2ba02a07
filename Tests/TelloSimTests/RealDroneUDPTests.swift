import Clocks
import TelloSDK
import TelloSim
import Testing
import TestSupport
import Wire

/// The real drone's behaviour (`FlightParameters.realDrone`), each quirk over real UDP.
@Suite("The real drone's quirks over UDP")
struct RealDroneUDPTests {
    static func realDrone(_ model: TelloModel = .tello, faults: FaultPlan = FaultPlan()) async throws -> UDPHarness {
        try await UDPHarness.make(faults: faults, parameters: .realDrone(model))
    }

    /// Takes off and waits for the `ok` (at most 5.9 s on a real drone).
    static func takeOff(_ harness: UDPHarness) async throws {
        #expect(try await harness.ask("command") == "ok")
        try await harness.send("takeoff")
        try await harness.waitForActivity("takeoff")
        await harness.fly(for: .seconds(6))
        #expect(try await harness.reply() == "ok")
    }

    @Test func aCommandDuringAMoveIsAnsweredNotJoystickReadsIncluded() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("forward 100")
            try await harness.waitForActivity("move")
            #expect(try await harness.ask("cw 90") == "error Not joystick")
            #expect(try await harness.ask("battery?") == "error Not joystick")
            #expect(try await harness.ask("command") == "error Not joystick")
            await harness.fly(for: .seconds(4))
            #expect(try await harness.reply() == "ok")
            #expect(await harness.drone.groundTruth.yaw == 0, "the refused turn was not flown")
        }
    }

    @Test func landDuringAMoveLandsAtOnceAndTheMoveIsAnsweredAutoLand() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("forward 200")
            try await harness.waitForActivity("move")
            await harness.fly(for: .seconds(1))
            try await harness.send("land")
            #expect(try await harness.reply() == "error Auto land")
            await harness.fly(for: .seconds(2))
            #expect(try await harness.reply() == "ok")
            let truth = await harness.drone.groundTruth
            #expect(!truth.flying && truth.x < 100, "landed where it was, not after the move")
        }
    }

    @Test func emergencyIsNeverAnswered() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("emergency")
            try await harness.waitForLog("unanswered")
            // Replies leave in order: the first one after `emergency` is the battery's.
            #expect(try await harness.ask("battery?").hasSuffix("\r\n"))
            #expect(await !harness.drone.groundTruth.motorsOn)
        }
    }

    @Test func aMoveRampsUpCruisesAtSeventyPercentAndSettlesBeforeItsOK() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("forward 100")
            try await harness.waitForActivity("move")
            await harness.fly(for: .milliseconds(300))
            let early = await harness.drone.groundTruth.x
            #expect(early > 0 && early < 10, "still ramping up after 0.3 s: \(early) cm")
            // 100 cm at 70 cm/s, plus the ramp and 1.5 s of settling: about 3.5 s, not 1 s.
            await harness.fly(for: .seconds(3))
            #expect(try await harness.ask("speed?") == "error Not joystick", "no `ok` yet after 3.3 s")
            await harness.fly(for: .milliseconds(400))
            #expect(try await harness.reply() == "ok")
        }
    }

    @Test func takeoffTakesFourToSixSecondsAndLandingAboutOneAndAHalf() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            try await harness.send("takeoff")
            try await harness.waitForActivity("takeoff")
            await harness.fly(for: .milliseconds(3800))
            #expect(try await harness.ask("sn?") == "error Not joystick", "no takeoff `ok` before 3.9 s")
            await harness.fly(for: .seconds(2.2))
            #expect(try await harness.reply() == "ok")
            try await harness.send("land")
            try await harness.waitForActivity("land")
            await harness.fly(for: .seconds(1.8))
            #expect(try await harness.reply() == "ok")
        }
    }

    @Test func stopDuringAMoveAnswersTheMoveForcedStop() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("forward 300")
            try await harness.waitForActivity("move")
            await harness.fly(for: .seconds(1))
            try await harness.send("stop")
            #expect(try await harness.reply() == "forced stop")
            #expect(try await harness.reply() == "ok")
            #expect(await harness.drone.groundTruth.activity == nil)
        }
    }

    @Test func readRepliesEndInCRLFAndOthersDoNot() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("battery?") == "100\r\n")
            #expect(try await harness.ask("time?") == "0s\r\n")
            #expect(try await harness.ask("speed 50") == "ok")
            #expect(try await harness.ask("forward 50") == "error Motor stop")
        }
    }

    @Test func heightReadsLowByAnOffsetAndAttitudeIsNoisy() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            var heights: Set<Int> = []
            var accelerations: Set<Double> = []
            for _ in 0..<10 {
                await harness.fly(for: .milliseconds(100))
                let state = await harness.drone.state
                heights.insert(state.h)
                accelerations.insert(state.agz)
                #expect(abs(state.agz + 1000) <= 8 && abs(state.pitch) <= 1)
            }
            #expect(await harness.drone.groundTruth.z == 100)
            #expect(heights.count == 1, "the offset is fixed within a flight")
            #expect(heights.allSatisfy { (42...90).contains($0) }, "h reads 10-58 cm low: \(heights)")
            #expect(accelerations.count > 1, "the accelerometer is not perfectly still")
        }
    }

    @Test func aDescentBelowTheFloorLimitStopsThereAndIsNeverAnswered() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            try await harness.send("down 100")
            try await harness.waitForActivity("move")
            await harness.fly(for: .seconds(5))
            #expect(await harness.drone.groundTruth.activity == nil)
            #expect(await harness.drone.groundTruth.z == 28)
            #expect(try await harness.ask("battery?").hasSuffix("\r\n"), "the `down` got no `ok`")
        }
    }

    @Test func rcOutOfRangeIsAnsweredOutOfRangeAndValidSticksAreNot() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            try await Self.takeOff(harness)
            #expect(try await harness.ask("rc 0 150 0 0") == "out of range")
            try await harness.send("rc 0 20 0 0")
            #expect(try await harness.ask("battery?").hasSuffix("\r\n"), "valid sticks get no reply")
        }
    }

    @Test func junkDatagramsSurroundTheReplyToCommand() async throws {
        var faults = FaultPlan()
        faults.junkDatagrams = true
        let harness = try await Self.realDrone(faults: faults)
        try await harness.serving { () async throws in
            try await harness.send("command")
            let first = try await UDPHarness.receive(on: harness.commands, within: 5)
            #expect(first.bytes.first == 0xCC)
            #expect(try await harness.reply() == "ok")
            let last = try await UDPHarness.receive(on: harness.commands, within: 5)
            #expect(last.bytes.first == 0xCC)
            #expect(try await harness.ask("battery?") == "100\r\n", "only `command` is surrounded")
        }
    }

    @Test func thermalShutdownAfterFourMinutesIdleOnTheGround() async throws {
        let harness = try await Self.realDrone()
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            await harness.fly(for: .seconds(230))
            #expect(try await harness.ask("battery?").hasSuffix("\r\n"), "still on after 3 min 50 s")
            await harness.fly(for: .seconds(15))
            try await harness.waitForLog("switched itself off")
            try await harness.send("battery?")
            try await harness.waitForLog("poweredOff")
        }
    }
}
