import Clocks
import TelloSDK
@testable import TelloSim
import Testing

/// The thermal shutdown and the power button, on the pure model: a real drone
/// left on the ground with its motors off switches itself off, stays off
/// (draining nothing) until its button is pressed, then boots afresh.
@Suite struct DroneModelPowerTests {
    @Test func anOverheatedDroneStaysOffUntilSwitchedOnThenBootsAfresh() {
        var flight = Flight.make(.realDrone(.tello))
        #expect(flight.ask("command") == "ok")
        #expect(flight.ask("speed 30") == "ok")
        flight.wait(241)
        #expect(flight.model.poweredOff)
        #expect(flight.send("command").disposition == .poweredOff)
        let batteryWhenOff = flight.model.groundTruth.battery
        flight.wait(600)
        #expect(flight.model.groundTruth.battery == batteryWhenOff, "switched off, nothing drains the pack")
        #expect(flight.model.groundTruth.poweredOff)

        _ = flight.model.switchOn(at: flight.model.now)
        let truth = flight.model.groundTruth
        #expect(!truth.poweredOff && !truth.sdkMode && !truth.motorsOn && !truth.flying && !truth.streaming, "\(truth)")
        #expect(truth.battery == batteryWhenOff && truth.motorTime == 0 && truth.speed == flight.model.parameters.initialSpeed)
        #expect(flight.send("battery?").disposition == .ignoredBeforeSDKMode, "a fresh boot is not in SDK mode")
        #expect(flight.ask("command") == "ok")
        #expect(flight.ask("takeoff") == nil, "a takeoff starts")
        flight.wait(10)
        #expect(flight.model.groundTruth.flying, "the switched-on drone flies")
    }

    @Test func theFourMinutesCountAgainAfterPowerOn() {
        var flight = Flight.make(.realDrone(.tello))
        flight.wait(241)
        _ = flight.model.switchOn(at: flight.model.now)
        flight.wait(200)
        #expect(!flight.model.poweredOff)
        flight.wait(41)
        #expect(flight.model.poweredOff, "on the ground with motors off it overheats again")
    }

    @Test func switchingOnADroneThatIsOnChangesNothing() {
        var flight = Flight.make(.realDrone(.tello))
        #expect(flight.ask("command") == "ok")
        flight.wait(10)
        let before = flight.model.groundTruth
        _ = flight.model.switchOn(at: flight.model.now)
        #expect(flight.model.groundTruth == before)
    }
}
