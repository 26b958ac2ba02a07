import Testing
@testable import TelloSim

@Suite("World collisions")
struct WorldCollisionTests {
    /// 6 m × 6 m × 3 m; a 150 cm pillar ahead at x 200..300, a 60 cm crate to the left.
    static let room = World(
        room: Room(minX: -300, maxX: 300, minY: -300, maxY: 300, height: 300),
        obstacles: [
            Box(name: "pillar", min: Point(200, -50, 0), max: Point(300, 50, 150), colour: Colour(red: 0, green: 0, blue: 200)),
            Box(name: "crate", min: Point(-50, 100, 0), max: Point(50, 200, 60), colour: Colour(red: 200, green: 0, blue: 0)),
        ])

    @Test func aMoveIntoAnObstacleStopsAtContactAndSaysSo() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        let (id, _) = flight.send("forward 500")
        let (text, after) = flight.awaitReply(to: id)
        // Contact when the drone's front (10 cm ahead of its centre) meets the pillar at x 200.
        #expect(text == "error Run timeout")
        #expect(abs(after - 1.9) < 0.02)
        #expect(abs(flight.truth.x - 190) < 1e-6 && flight.truth.z == 100)
        #expect(flight.truth.flying && flight.truth.activity == nil)
        #expect(flight.truth.collisions == 1 && flight.truth.lastCollision?.with == "pillar")
        // Still flying and obeying: back away, and the same move again hits again.
        let (back, _) = flight.send("back 50")
        #expect(flight.awaitReply(to: back).text == "ok")
        let (again, _) = flight.send("forward 100")
        #expect(flight.awaitReply(to: again).text == "error Run timeout")
        #expect(flight.truth.collisions == 2)
    }

    @Test func aWallStopsTheDroneAndFlyingOverALowBoxDoesNot() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        // Over the crate (60 cm) at 100 cm: clear. Then on into the wall at y 300.
        let (id, _) = flight.send("left 500")
        #expect(flight.awaitReply(to: id).text == "error Run timeout")
        #expect(abs(flight.truth.y - 290) < 1e-6)
        #expect(flight.truth.lastCollision?.with == "wall maxY" && flight.truth.collisions == 1)
    }

    @Test func theCeilingStopsAClimb() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        let (id, _) = flight.send("up 300")
        #expect(flight.awaitReply(to: id).text == "error Run timeout")
        #expect(abs(flight.truth.z - 296) < 1e-6 && flight.truth.lastCollision?.with == "ceiling")
    }

    @Test func goAndCurveStopAtContactToo() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        let (go, _) = flight.send("go 400 0 0 100")
        #expect(flight.awaitReply(to: go).text == "error Run timeout")
        #expect(abs(flight.truth.x - 190) < 1e-6)
        let (back, _) = flight.send("back 100")
        #expect(flight.awaitReply(to: back).text == "ok")
        // A half circle round (190, 0), radius 100 cm, ending inside the pillar: it meets the
        // pillar's side (y -50, grown by the drone's 10 cm) at (270, -60).
        let (curve, _) = flight.send("curve 100 -100 0 200 0 0 50")
        #expect(flight.awaitReply(to: curve).text == "error Run timeout")
        #expect(abs(flight.truth.x - 270) < 0.5 && abs(flight.truth.y + 60) < 0.5 && flight.truth.collisions == 2)
    }

    @Test func sticksPressTheDroneAgainstAWallAsOneCollision() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        #expect(flight.send("rc 0 100 0 0").disposition == .sticksApplied)
        flight.wait(5)
        #expect(abs(flight.truth.x - 190) < 1e-6)
        #expect(flight.truth.collisions == 1 && flight.truth.lastCollision?.with == "pillar")
        // Sliding along the face is free; backing off and coming again is a second collision.
        _ = flight.send("rc 0 -100 0 0")
        flight.wait(1)
        _ = flight.send("rc 0 100 0 0")
        flight.wait(2)
        #expect(flight.truth.collisions == 2)
    }

    @Test func downStopsAboveABoxInsteadOfHittingIt() {
        var flight = Flight(world: Self.room)
        flight.airborne()
        let (left, _) = flight.send("left 150")
        #expect(flight.awaitReply(to: left).text == "ok")
        let (down, _) = flight.send("down 200")
        #expect(flight.awaitReply(to: down).text == "ok")
        #expect(flight.truth.z == 80 && flight.truth.collisions == 0 && flight.model.state.tof == 20)
    }
}
