import Testing
import TelloSDK
@testable import TelloSim

@Suite("DroneModel busy rules, auto-land, battery and state")
struct DroneModelTimingTests {
    @Test func commandsDuringAMotionAreDroppedButReadsAnswered() {
        var flight = Flight.make()
        flight.airborne()
        let (move, _) = flight.send("forward 200")
        flight.wait(0.5)
        #expect(flight.send("cw 90").disposition == .droppedWhileBusy)
        #expect(flight.send("speed 20").disposition == .droppedWhileBusy)
        #expect(flight.send("rc 0 50 0 0").disposition == .sticksIgnored)
        #expect(flight.ask("battery?") == "100")
        #expect(flight.awaitReply(to: move).text == "ok")
        // command, takeoff, battery?, forward: nothing for the dropped ones.
        #expect(flight.replies.map(\.1) == ["ok", "ok", "100", "ok"])
    }

    @Test func stopEndsAMoveWhereTheDroneIs() {
        var flight = Flight.make()
        flight.airborne()
        let (move, _) = flight.send("forward 200")
        flight.wait(0.5)
        #expect(flight.ask("stop") == "ok")
        #expect(abs(flight.truth.x - 50) < 1e-6)
        flight.wait(5)
        #expect(!flight.replies.contains { $0.0 == move })
        #expect(flight.truth.activity == nil)
    }

    @Test func stopDoesNotInterruptTakeoff() {
        var flight = Flight.make()
        _ = flight.ask("command")
        _ = flight.send("takeoff")
        #expect(flight.send("stop").disposition == .droppedWhileBusy)
    }

    @Test func emergencyStopsTheMotorsAtOnce() {
        var flight = Flight.make()
        flight.airborne()
        let (move, _) = flight.send("up 100")
        flight.wait(0.5)
        #expect(flight.ask("emergency") == "ok")
        #expect(!flight.truth.motorsOn && !flight.truth.flying && flight.truth.z == 0)
        flight.wait(5)
        #expect(!flight.replies.contains { $0.0 == move })
    }

    @Test func autoLandsAfterFifteenSecondsOfSilence() {
        var flight = Flight.make()
        flight.airborne()
        flight.wait(14.99)
        #expect(flight.truth.activity == nil && flight.truth.flying)
        flight.wait(0.01)
        #expect(flight.truth.activity == "autoLand")
        flight.wait(3)
        #expect(!flight.truth.flying && flight.truth.z == 0)
    }

    @Test func anyCommandKeepsItFlying() {
        var flight = Flight.make()
        flight.airborne()
        for _ in 0..<10 {
            flight.wait(10)
            #expect(flight.ask("battery?") != nil)
        }
        #expect(flight.truth.flying && flight.truth.activity == nil)
        flight.wait(14)
        _ = flight.send("rc 0 0 0 0")
        flight.wait(14)
        #expect(flight.truth.flying)
    }

    @Test func autoLandCountsFromTheEndOfALongMotion() {
        var flight = Flight.make()
        flight.airborne()
        _ = flight.ask("speed 10")
        let (move, _) = flight.send("forward 200") // 20 s
        #expect(flight.awaitReply(to: move).text == "ok")
        flight.wait(14.9)
        #expect(flight.truth.flying && flight.truth.activity == nil)
    }

    @Test func batteryDrainsAboutThirteenMinutesOfFlight() {
        var flight = Flight.make()
        flight.airborne()
        let before = flight.truth.battery
        for _ in 0..<6 {
            flight.wait(10)
            _ = flight.ask("battery?")
        }
        let drained = before - flight.truth.battery
        #expect(abs(drained - 60 * 100 / 780) < 1e-6)
        #expect(flight.truth.temperature > 45)
        #expect(flight.model.state.time == 65)
        #expect(flight.ask("time?") == "65s")
    }

    @Test func criticalBatteryLandsAndAnswersAutoLand() {
        var flight = Flight.make()
        flight.airborne()
        let (move, _) = flight.send("forward 300")
        flight.wait(1)
        let due = flight.model.setBattery(5, at: flight.model.now)
        #expect(due == [ModelReply(commandID: move, reply: .autoLand)])
        #expect(flight.truth.activity == "autoLand")
        flight.wait(5)
        #expect(!flight.truth.flying)
        #expect(flight.ask("takeoff") == "error Motor stop")
    }

    @Test func motorStopFaultDropsTheDrone() {
        var flight = Flight.make()
        flight.airborne()
        let (move, _) = flight.send("forward 300")
        let due = flight.model.cutMotors(at: flight.model.now + .seconds(1))
        #expect(due == [ModelReply(commandID: move, reply: .motorStop)])
        #expect(!flight.truth.motorsOn && flight.truth.z == 0)
        #expect(flight.ask("forward 50") == "error Motor stop")
    }

    @Test func rcSticksMoveWithoutReply() {
        var flight = Flight.make()
        flight.airborne()
        let (_, disposition) = flight.send("rc 0 50 0 0")
        #expect(disposition == .sticksApplied)
        flight.wait(2)
        #expect(abs(flight.truth.x - 100) < 1e-6)
        #expect(flight.model.state.vgx == 5)
        #expect(flight.ask("stop") == "ok")
        flight.wait(1)
        #expect(abs(flight.truth.x - 100) < 1e-6)
    }

    @Test func stateLineReflectsTheFlight() throws {
        var flight = Flight.make()
        _ = flight.ask("command")
        var state = flight.model.state
        #expect(state.tof == 10 && state.h == 0 && state.bat == 100 && state.agz == -1000)
        #expect(state.missionPad == .detectionOff)
        flight.airborne()
        _ = flight.ask("mon")
        state = flight.model.state
        #expect(state.h == 100 && state.tof == 100 && state.time == 5 && state.baro == 101)
        #expect(state.missionPad == .notDetected)
        #expect(try TelloState(line: state.line) == state)
    }

    @Test func readCommandsUseTheDroneFormats() {
        var flight = Flight.make()
        _ = flight.ask("command")
        #expect(flight.ask("speed?") == "100.0")
        #expect(flight.ask("battery?") == "100")
        #expect(flight.ask("time?") == "0s")
        #expect(flight.ask("wifi?") == "90")
        #expect(flight.ask("sdk?") == "20")
        #expect(flight.ask("sn?") == "0TQZSIM0000001")
        #expect(flight.ask("height?") == "0dm")
        #expect(flight.ask("tof?") == "100mm")
        #expect(flight.ask("attitude?") == "pitch:0;roll:0;yaw:0;")
        #expect(flight.ask("baro?") == "100.00")
        #expect(flight.ask("acceleration?") == "agx:0.00;agy:0.00;agz:-1000.00;")
        #expect(flight.ask("temp?")?.hasSuffix("C") == true)
    }

    @Test func arcThroughThreePoints() throws {
        let arc = try #require(ArcPath(from: .zero, via: SIMD3(50, 50, 0), to: SIMD3(100, 0, 0)))
        #expect(abs(arc.radius - 50) < 1e-9)
        #expect(abs(arc.length - 50 * .pi) < 1e-9)
        let middle = arc.point(at: 0.5)
        #expect(abs(middle.x - 50) < 1e-9 && abs(middle.y - 50) < 1e-9)
        #expect(ArcPath(from: .zero, via: SIMD3(1, 1, 1), to: SIMD3(2, 2, 2)) == nil)
    }
}
