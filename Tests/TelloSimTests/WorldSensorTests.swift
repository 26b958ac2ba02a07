import Testing
@testable import TelloSim

@Suite("World sensors")
struct WorldSensorTests {
    /// A room with a 60 cm crate ahead of the start and the start itself on an 80 cm table.
    static let room = World(
        room: Room(minX: -500, maxX: 500, minY: -500, maxY: 500, height: 300),
        obstacles: [Box(name: "crate", min: Point(100, -50, 0), max: Point(200, 50, 60), colour: Colour(red: 200, green: 0, blue: 0))])

    @Test func tofReadsTheDistanceToWhateverIsBelow() {
        var flight = Flight(world: Self.room)
        #expect(flight.model.state.tof == 10)
        flight.airborne()
        #expect(flight.model.state.tof == 100 && flight.model.state.h == 100)
        let (id, _) = flight.send("forward 150")
        #expect(flight.awaitReply(to: id).text == "ok")
        // Over the crate: tof measures to its top, h still counts from the takeoff point.
        #expect(flight.model.state.tof == 40 && flight.model.state.h == 100)
        #expect(flight.ask("tof?") == "400mm")
        let (next, _) = flight.send("forward 100")
        #expect(flight.awaitReply(to: next).text == "ok")
        #expect(flight.model.state.tof == 100)
    }

    @Test func aDroneStartingOnATableTakesOffAndLandsOnIt() {
        let world = World(
            room: Room(minX: -500, maxX: 500, minY: -500, maxY: 500, height: 300),
            start: StartPose(x: 0, y: 0, yaw: 0),
            obstacles: [Box(name: "table", min: Point(-50, -50, 0), max: Point(50, 50, 80), colour: Colour(red: 120, green: 80, blue: 40))])
        var flight = Flight(world: world)
        #expect(flight.truth.z == 80)
        #expect(flight.model.state.tof == 10 && flight.model.state.h == 0)
        flight.airborne()
        #expect(flight.truth.z == 180 && flight.model.state.h == 100 && flight.model.state.tof == 100)
        // `down` stops 20 cm over the table, not over the floor.
        let (id, _) = flight.send("down 200")
        #expect(flight.awaitReply(to: id).text == "ok")
        #expect(flight.truth.z == 100)
        let (land, _) = flight.send("land")
        #expect(flight.awaitReply(to: land).text == "ok")
        #expect(flight.truth.z == 80 && !flight.truth.flying)
    }

    @Test func theStandardWorldKeepsTheStartClear() {
        let world = World.standard
        #expect(world.surface(belowX: 0, y: 0) == 0)
        // Every move the SDK allows from the start, in any direction, is clear.
        for direction in [SIMD3<Double>(500, 0, 0), SIMD3(-500, 0, 0), SIMD3(0, 500, 0), SIMD3(0, -500, 0), SIMD3(0, 0, 600)] {
            #expect(world.firstContact(from: SIMD3(0, 0, 100), to: SIMD3(0, 0, 100) + direction) == nil)
        }
    }
}
