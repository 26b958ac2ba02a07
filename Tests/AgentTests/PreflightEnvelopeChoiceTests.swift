import Agent
@testable import AgentAssembly
import Foundation
import Preflight
import TelloSim
import Testing

/// Which envelope the agent flies by: the simulator's world, `--envelope FILE`,
/// or the indoor default, tightened by `--ceiling` and `--radius`.
@Suite struct PreflightEnvelopeChoiceTests {
    func options(_ arguments: [String]) throws -> AgentOptions {
        guard case .run(let options) = try AgentOptions.parse(arguments, environment: [:]) else { throw AgentOptions.Invalid(message: "help") }
        return options
    }

    @Test func aRealDroneWithoutAFileFliesTheIndoorDefault() throws {
        let gate = try TelloAgent.preflightGate(try options(["--drone", "192.168.10.1"]), simulator: nil)
        #expect(gate.policy == .enforce)
        #expect(gate.flight.envelope == .indoor())
        let tighter = try TelloAgent.preflightGate(try options(["--drone", "192.168.10.1", "--radius", "150", "--ceiling", "200"]), simulator: nil)
        #expect(tighter.flight.envelope == .indoor(radius: 150, ceiling: 200))
    }

    @Test func theEmbeddedSimulatorsWorldAndNumbers() throws {
        var configuration = SimulatedTello.Configuration()
        configuration.world = World(room: Room(minX: -100, maxX: 300, minY: -200, maxY: 200, height: 240), start: StartPose(x: 50, y: 0, yaw: 90),
                                    obstacles: [Box(name: "desk", min: Point(0, -50, 0), max: Point(100, 50, 75), colour: Colour(red: 1, green: 2, blue: 3))])
        configuration.parameters.yawRate = 45
        let gate = try TelloAgent.preflightGate(try options(["--ceiling", "500"]), simulator: configuration)
        let envelope = gate.flight.envelope
        #expect(envelope.floorPlan == .box(minX: -100, maxX: 300, minY: -200, maxY: 200))
        #expect(envelope.ceiling == 240, "--ceiling never raises the room's own")
        #expect(envelope.keepOut.map(\.name) == ["desk"])
        #expect(envelope.origin == SIMD3(50, 0, 75) && envelope.originYaw == 90, "the drone starts on the desk")
        #expect(gate.flight.model.yawRate == 45)
    }

    /// The real drone ramps its speed up and down, cruises below its
    /// setting and hovers before its `ok`: `forward 100` takes about 3.5 s,
    /// not 1 s, in the preflight as in the simulator it copies.
    @Test func aMoveOfTheSimulatedRealDroneTakesAsLongInThePreflight() throws {
        let gate = try TelloAgent.preflightGate(try options([]), simulator: SimulatedTello.Configuration())
        let report = gate.flight.fly([.takeoff, .move(SIMD3(100, 0, 0))],
                                     from: ShadowStart(position: SIMD3(0, 0, 0), yaw: 0, battery: 100, flying: false))
        let move = try #require(report.stepEnds.last).seconds
        // 100 cm at 70 % of 100 cm/s, plus the 0.6 s ramp, plus 1.5 s of hover before the reply.
        #expect(abs(move - (100.0 / 70 + 0.6 + 1.5)) < 0.01, "predicted \(move) s")
        let exact = try TelloAgent.preflightGate(try options([]), simulator: .exact())
        let constant = exact.flight.fly([.takeoff, .move(SIMD3(100, 0, 0))],
                                        from: ShadowStart(position: SIMD3(0, 0, 0), yaw: 0, battery: 100, flying: false))
        #expect(abs(try #require(constant.stepEnds.last).seconds - 1) < 0.01, "the exact drone flies at its setting")
    }

    @Test func anEnvelopeFileForARealRoomAndABadOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("envelope-\(UUID().uuidString).json").path
        try Data(#"{"room": {"minX": -150, "maxX": 150, "minY": -150, "maxY": 150, "height": 230}}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let gate = try TelloAgent.preflightGate(try options(["--drone", "192.168.10.1", "--envelope", path]), simulator: nil)
        #expect(gate.flight.envelope.floorPlan == .box(minX: -150, maxX: 150, minY: -150, maxY: 150) && gate.flight.envelope.ceiling == 230)
        #expect {
            try TelloAgent.preflightGate(try options(["--envelope", path + ".missing"]), simulator: nil)
        } throws: { ($0 as? AgentOptions.Invalid)?.message.hasPrefix("--envelope:") == true }
    }
}
