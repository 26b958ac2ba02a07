import Testing
import TelloSDK
@testable import TelloSim

@Suite("DroneModel commands")
struct DroneModelCommandTests {
    @Test func nothingIsObeyedBeforeCommand() {
        var flight = Flight.make()
        #expect(flight.send("takeoff").disposition == .ignoredBeforeSDKMode)
        #expect(flight.send("battery?").disposition == .ignoredBeforeSDKMode)
        #expect(flight.send("nonsense").disposition == .ignoredBeforeSDKMode)
        #expect(flight.replies.isEmpty)
        #expect(flight.ask("command") == "ok")
        #expect(flight.truth.sdkMode)
        #expect(flight.ask("command") == "ok")
    }

    @Test func takeoffRepliesOnlyWhenItEnds() {
        var flight = Flight.make()
        _ = flight.ask("command")
        let (id, disposition) = flight.send("takeoff")
        #expect(disposition == .started)
        flight.wait(4.99)
        #expect(!flight.replies.contains { $0.0 == id })
        #expect(flight.truth.z > 90 && flight.truth.z < 100)
        flight.wait(0.01)
        #expect(flight.replies.last! == (id, "ok"))
        #expect(flight.truth.z == 100)
        #expect(flight.truth.flying && flight.truth.motorsOn)
        #expect(flight.ask("takeoff") == "error")
    }

    @Test func moveTakesDistanceOverSpeed() {
        var flight = Flight.make()
        flight.airborne()
        #expect(flight.ask("speed 50") == "ok")
        let (id, _) = flight.send("forward 100")
        flight.wait(1.0)
        #expect(flight.model.state.vgx == 5)
        #expect(flight.model.state.pitch < 0)
        #expect(abs(flight.truth.x - 50) < 0.001)
        flight.wait(0.99)
        #expect(!flight.replies.contains { $0.0 == id })
        flight.wait(0.01)
        #expect(flight.replies.last! == (id, "ok"))
        #expect(flight.truth.x == 100)
        #expect(flight.model.state.vgx == 0)
    }

    @Test(arguments: [
        ("forward 50", SIMD3<Double>(50, 0, 100)), ("back 50", SIMD3(-50, 0, 100)),
        ("left 50", SIMD3(0, 50, 100)), ("right 50", SIMD3(0, -50, 100)),
        ("up 50", SIMD3(0, 0, 150)), ("down 50", SIMD3(0, 0, 50)), ("down 500", SIMD3(0, 0, 20)),
    ])
    func eachDirectionMovesInTheBodyFrame(command: String, expected: SIMD3<Double>) {
        var flight = Flight.make()
        flight.airborne()
        let (id, _) = flight.send(command)
        #expect(flight.awaitReply(to: id).text == "ok")
        #expect(abs(flight.truth.x - expected.x) < 1e-6 && abs(flight.truth.y - expected.y) < 1e-6)
        #expect(abs(flight.truth.z - expected.z) < 1e-6)
    }

    @Test func rotationTurnsTheBodyFrame() {
        var flight = Flight.make()
        flight.airborne()
        let (turn, _) = flight.send("cw 90")
        let (text, after) = flight.awaitReply(to: turn)
        #expect(text == "ok")
        #expect(abs(after - 1.0) < 0.02)
        #expect(flight.model.state.yaw == 90)
        let (move, _) = flight.send("forward 50")
        _ = flight.awaitReply(to: move)
        #expect(abs(flight.truth.y + 50) < 1e-6 && abs(flight.truth.x) < 1e-6)
        let (back, _) = flight.send("ccw 360")
        _ = flight.awaitReply(to: back)
        #expect(flight.truth.yaw == -270)
        #expect(flight.model.state.yaw == 90)
    }

    @Test func flipNeedsBatteryAndKeepsPosition() {
        var flight = Flight.make()
        flight.airborne()
        let (id, _) = flight.send("flip l")
        flight.wait(0.75)
        #expect(abs(flight.model.state.roll) == 180)
        #expect(flight.awaitReply(to: id).text == "ok")
        #expect(flight.truth.z == 100)
        _ = flight.model.setBattery(49, at: flight.model.now)
        #expect(flight.ask("flip f") == "error")
    }

    @Test func goFliesStraightAtItsSpeed() {
        var flight = Flight.make()
        flight.airborne()
        let (id, _) = flight.send("go 30 40 0 10")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "ok")
        #expect(abs(after - 5) < 0.02)
        #expect(abs(flight.truth.x - 30) < 1e-6 && abs(flight.truth.y - 40) < 1e-6)
    }

    @Test func curveFollowsAnArcAndChecksItsRadius() {
        var flight = Flight.make()
        flight.airborne()
        // Half circle of radius 50 cm in the horizontal plane: length 50π.
        let (id, _) = flight.send("curve 50 50 0 100 0 0 50")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "ok")
        #expect(abs(after - Double.pi) < 0.02)
        #expect(abs(flight.truth.x - 100) < 1e-6 && abs(flight.truth.y) < 1e-6)
        #expect(flight.ask("curve 25 25 0 50 0 0 50") == "error") // radius 25 cm < 0.5 m
        #expect(flight.ask("curve 30 0 0 60 0 0 50") == "error")  // collinear: no arc
    }

    @Test func missionPadCommandsFindNoPad() {
        var flight = Flight.make()
        flight.airborne()
        #expect(flight.ask("go 0 0 100 25 m2") == "error No valid marker")
        #expect(flight.ask("jump 100 0 80 50 0 m1 m2") == "error No valid marker")
    }

    @Test(arguments: ["forward 50", "cw 90", "flip b", "go 50 0 0 20", "land", "stop", "curve 50 50 0 100 0 0 50"])
    func motionOnTheGroundIsRefused(command: String) {
        var flight = Flight.make()
        _ = flight.ask("command")
        #expect(flight.ask(command) == "error Motor stop")
    }

    @Test func badInputGetsTheDronesRefusals() {
        var flight = Flight.make()
        _ = flight.ask("command")
        #expect(flight.ask("forward 10") == "out of range")
        #expect(flight.ask("hover") == "unknown command: hover")
        #expect(flight.ask("forward ten") == "error")
        #expect(flight.ask("") == "error")
        #expect(flight.send("rc 101 0 0 0").disposition == .sticksIgnored)
        #expect(flight.ask("battery?") == "100") // and nothing else came back for the rc
        #expect(flight.replies.map(\.1) == ["ok", "out of range", "unknown command: hover", "error", "error", "100"])
    }

    @Test func landDescendsThenStopsMotors() {
        var flight = Flight.make()
        flight.airborne()
        let (id, _) = flight.send("land")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "ok")
        #expect(abs(after - 3) < 0.02) // 100 cm at 50 cm/s, then 1 s spin-down
        #expect(!flight.truth.flying && !flight.truth.motorsOn && flight.truth.z == 0)
    }

    @Test func setCommandsAnswerOK() {
        var flight = Flight.make()
        _ = flight.ask("command")
        for command in ["streamon", "mon", "mdirection 2", "wifi net pass", "ap net pass", "moff", "streamoff"] {
            #expect(flight.ask(command) == "ok")
        }
        #expect(flight.ask("streamon") == "ok")
        #expect(flight.truth.streaming)
    }
}
