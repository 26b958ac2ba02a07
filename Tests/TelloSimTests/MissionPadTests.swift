import Testing
import TelloSDK
@testable import TelloSim

@Suite("Mission pads")
struct MissionPadTests {
    /// Pad 1 a metre ahead of the start, rocket along +x; pad 2 to its right, rocket pointing right (yaw 90).
    static let room = World(
        room: Room(minX: -500, maxX: 500, minY: -500, maxY: 500, height: 300),
        pads: [MissionPad(id: 1, x: 100, y: 0, yaw: 0), MissionPad(id: 2, x: 100, y: -150, yaw: 90)])

    static func overPadOne() -> Flight {
        var flight = Flight(world: room)
        flight.airborne()
        #expect(flight.ask("mon") == "ok")
        let (id, _) = flight.send("forward 100")
        #expect(flight.awaitReply(to: id).text == "ok")
        return flight
    }

    @Test func thePadUnderTheDroneIsInTheStateLine() throws {
        var flight = Flight(world: Self.room)
        flight.airborne()
        #expect(flight.model.state.missionPad == .detectionOff)
        _ = flight.ask("mon")
        // A metre short of pad 1 at 100 cm: outside the downward camera's cone.
        #expect(flight.model.state.missionPad == .notDetected)
        let (id, _) = flight.send("forward 80")
        #expect(flight.awaitReply(to: id).text == "ok")
        #expect(flight.model.state.missionPad == MissionPadState(mid: 1, x: -20, y: 0, z: 100))
        let (right, _) = flight.send("right 30")
        #expect(flight.awaitReply(to: right).text == "ok")
        let state = flight.model.state
        #expect(state.missionPad == MissionPadState(mid: 1, x: -20, y: -30, z: 100))
        #expect(try TelloState(line: state.line) == state)
        _ = flight.ask("mdirection 1")
        #expect(flight.model.state.missionPad == .notDetected, "the forward camera cannot see a pad on the floor")
        _ = flight.ask("mdirection 0")
        #expect(flight.model.state.missionPad?.mid == 1)
        _ = flight.ask("moff")
        #expect(flight.model.state.missionPad == .detectionOff)
    }

    @Test func padCoordinatesFollowThePadsRocket() {
        var flight = Self.overPadOne()
        let (id, _) = flight.send("go 0 -140 100 50 m1")
        #expect(flight.awaitReply(to: id).text == "ok")
        // 10 cm short of pad 2's centre in world y; pad 2's x axis points to world -y.
        #expect(abs(flight.truth.x - 100) < 1e-6 && abs(flight.truth.y + 140) < 1e-6)
        #expect(flight.model.state.missionPad == MissionPadState(mid: 2, x: -10, y: 0, z: 100, yaw: -90))
    }

    @Test func goRelativeToAPadFliesToThePointInItsFrame() {
        var flight = Self.overPadOne()
        let (right, _) = flight.send("right 40")
        #expect(flight.awaitReply(to: right).text == "ok")
        let (id, _) = flight.send("go 0 0 60 20 m1")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "ok")
        // From (100, -40, 100) to (100, 0, 60): 56.6 cm at 20 cm/s.
        #expect(abs(after - (40 * 2.0.squareRoot()) / 20) < 0.02)
        #expect(abs(flight.truth.x - 100) < 1e-6 && abs(flight.truth.y) < 1e-6 && abs(flight.truth.z - 60) < 1e-6)
        #expect(flight.model.state.missionPad == MissionPadState(mid: 1, x: 0, y: 0, z: 60))
    }

    @Test func aPadNotInViewIsRefusedAtOnceAndTheDroneHovers() {
        var flight = Self.overPadOne()
        let before = flight.truth
        #expect(flight.ask("go 0 0 100 50 m2") == "error No valid marker")
        #expect(flight.ask("curve 50 50 100 100 0 100 30 m2") == "error No valid marker")
        #expect(flight.ask("jump 0 0 100 50 0 m3 m1") == "error No valid marker")
        _ = flight.ask("moff")
        #expect(flight.ask("go 0 0 100 50 m1") == "error No valid marker")
        #expect(flight.truth.x == before.x && flight.truth.y == before.y && flight.truth.activity == nil)
    }

    @Test func curveRelativeToAPad() {
        var flight = Self.overPadOne()
        let (id, _) = flight.send("curve 50 50 100 100 0 100 30 m1")
        #expect(flight.awaitReply(to: id).text == "ok")
        #expect(abs(flight.truth.x - 200) < 1e-6 && abs(flight.truth.y) < 1e-6 && abs(flight.truth.z - 100) < 1e-6)
    }

    @Test func jumpFliesToTheSecondPadAndTurnsInItsFrame() {
        var flight = Self.overPadOne()
        let (id, _) = flight.send("jump 0 -150 100 50 90 m1 m2")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "ok")
        // 150 cm at 50 cm/s, then a 180° turn at 90°/s over pad 2.
        #expect(abs(after - 5) < 0.02)
        #expect(abs(flight.truth.x - 100) < 1e-6 && abs(flight.truth.y + 150) < 1e-6 && abs(flight.truth.z - 100) < 1e-6)
        #expect(abs(flight.truth.yaw - 180) < 1e-6)
        #expect(flight.model.state.missionPad == MissionPadState(mid: 2, x: 0, y: 0, z: 100, yaw: 90))
    }

    @Test func jumpWhoseSecondPadIsNotThereEndsHoveringWithTheError() {
        var flight = Self.overPadOne()
        let (id, _) = flight.send("jump 200 0 100 50 0 m1 m2")
        let (text, after) = flight.awaitReply(to: id)
        #expect(text == "error No valid marker")
        #expect(abs(after - 4) < 0.02)
        #expect(abs(flight.truth.x - 300) < 1e-6 && flight.truth.flying && flight.truth.activity == nil)
    }

    @Test func theStandardWorldsPadsAreFoundWhereItSays() {
        var flight = Flight()
        flight.airborne()
        _ = flight.ask("mon")
        #expect(flight.model.state.missionPad == .notDetected)
        let (back, _) = flight.send("back 300")
        #expect(flight.awaitReply(to: back).text == "ok")
        let (left, _) = flight.send("left 300")
        #expect(flight.awaitReply(to: left).text == "ok")
        #expect(flight.model.state.missionPad?.mid == 1)
        let (jump, _) = flight.send("jump 0 200 100 50 0 m1 m2")
        #expect(flight.awaitReply(to: jump).text == "ok")
        #expect(abs(flight.truth.x + 300) < 1e-6 && abs(flight.truth.y - 500) < 1e-6)
        #expect(flight.model.state.missionPad?.mid == 2)
    }
}
