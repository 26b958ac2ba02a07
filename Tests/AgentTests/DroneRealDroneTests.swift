import Agent
import Clocks
import Foundation
import JSONValue
import Logs
import TelloSDK
import TelloSim
import Testing
import TestSupport

/// The agent's drone against the simulator's real drone (`FlightParameters.realDrone`) over
/// UDP: binary datagrams, no answer to `emergency`, busy replies, CR LF replies,
/// `h` reading low, a descent the drone silently refuses. Each test is a `Simulation`: the
/// datagrams go over its memory network and the reply timeouts, keepalives and flight pass in
/// virtual time, so a loaded machine can neither cause a retry nor eat into a timeout.
@Suite struct DroneRealDroneTests {
    struct Rig: Sendable {
        let simulator: SimulatedTello
        let transport: DatagramDroneTransport
        let drone: Drone
        let log: MemorySink

        /// Runs `body` with the simulator and the drone running, in a fresh simulation.
        static func with<T: Sendable>(_ model: TelloModel = .tello, faults: FaultPlan = FaultPlan(),
                                      adjust: (inout FlightParameters) -> Void = { _ in },
                                      _ body: @escaping @Sendable (Rig) async throws -> T) async throws -> T {
            var configuration = SimulatedTello.Configuration()  // the real drone: the default
            configuration.parameters = .realDrone(model)
            adjust(&configuration.parameters)
            configuration.faults = faults
            let chosen = configuration
            return try await Simulation.run(name: "real-drone") { simulation in
                let time = simulation.time
                let log = MemorySink()
                let (simulator, _, transport) = try await boundInMemory(chosen, in: simulation, transportLog: log, minimumLevel: .debug)
                let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", minimumLevel: .debug, sink: log))
                let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: log))
                let rig = Rig(simulator: simulator, transport: transport, drone: drone, log: log)
                return try await flying(simulator, drone) { try await body(rig) }
            }
        }

        func move(_ action: String, _ distance: Int) async -> ActionResult {
            await drone.perform(CheckedAction.resolve(action: action, parameters: ["distance": .number(Double(distance))]), name: action)
        }
    }

    @Test func connectsThroughBinaryDatagramsAndCountsThem() async throws {
        var faults = FaultPlan()
        faults.junkDatagrams = true
        try await Rig.with(faults: faults) { rig in
            let connect = await rig.drone.connect()
            #expect(connect.success, "\(connect)")
            #expect(await rig.drone.snapshot.battery == 100, "the battery read despite CR LF")
            #expect(rig.transport.droppedBinaryDatagrams == 2)
            #expect(rig.log.records.filter { $0.message == "binary datagram from the drone dropped" }.count == 2)
            #expect(!rig.log.records.contains { $0.message == "reply discarded" }, "nothing binary reached the link")
        }
    }

    @Test func emergencyNeedsNoReplyAndTheStreamSaysTheDroneIsDown() async throws {
        try await Rig.with { rig in
            #expect(await rig.drone.connect().success)
            #expect(await rig.drone.perform(.takeoff, name: "takeoff").success)
            let emergency = await rig.drone.perform(.emergency, name: "emergency")
            #expect(emergency.success, "\(emergency)")
            try await eventually("the emergency datagram to reach the drone", within: 5) { await !rig.simulator.groundTruth.motorsOn }
            #expect(await !rig.simulator.groundTruth.motorsOn)
            try await eventually("the state stream to show the drone down", within: 10) { await !rig.drone.isFlying }
            #expect(await !rig.drone.isFlying)
            #expect(await rig.drone.perform(.readBattery, name: "get_battery").success, "the link is in step after it")
        }
    }

    @Test func aDescentTheDroneSilentlyRefusesEndsInAFailureNotAHang() async throws {
        try await Rig.with { rig in
            #expect(await rig.drone.connect().success)
            #expect(await rig.drone.perform(.takeoff, name: "takeoff").success)
            let down = await rig.move("move_down", 100)
            #expect(!down.success)
            #expect(down.text == .droneTimeout("down 100"), "\(down)")
            #expect(abs(await rig.simulator.groundTruth.z - 28) < 1, "it stopped at its floor")
            #expect(await rig.drone.isFlying, "and still flies")
            #expect(await rig.move("move_up", 50).success, "the link goes on")
        }
    }

    @Test func stopDuringAMoveIsNotWaitedForAndTheForcedStopMisleadsNothing() async throws {
        try await Rig.with { rig in
            #expect(await rig.drone.connect().success)
            #expect(await rig.drone.perform(.takeoff, name: "takeoff").success)
            async let move = rig.move("move_forward", 300)
            try await eventually("the move to start", within: 5) { await rig.simulator.groundTruth.activity == "move" }
            let stop = await rig.drone.perform(.stop, name: "stop")
            #expect(stop.success, "\(stop)")
            #expect(await !move.success, "the move was cut short")
            try await eventually("the drone to hover", within: 5) { await rig.simulator.groundTruth.activity == nil }
            #expect(await rig.simulator.groundTruth.x < 300)
            #expect(await rig.move("move_up", 30).success, "the next command gets its own answer")
            #expect(rig.log.records.contains { $0.message == "reply discarded" && $0[field: "reason"] == "interruptedMotion" })
        }
    }

    @Test func aDroneThatOverheatsOnTheGroundIsReportedLost() async throws {
        // Overheating after 8 s instead of 4 minutes: time enough to connect first.
        try await Rig.with(adjust: { $0.thermalShutdownAfter = .seconds(8) }) { rig in
            #expect(await rig.drone.connect().success)
            // On the ground with the motors off until the drone switches itself off: no reply, no state.
            try await eventually("the link to be reported lost", within: 30) { await !rig.drone.isConnected }
            #expect(await !rig.drone.isConnected)
            #expect(rig.log.records.contains { $0.message == "drone link lost" })
        }
    }

    @Test func realMovesTurnsAndLandingSucceed() async throws {
        try await Rig.with(.tt) { rig in
            #expect(await rig.drone.connect().success)
            #expect(await rig.drone.perform(.takeoff, name: "takeoff").success)
            #expect(await rig.move("move_forward", 100).success)
            #expect(await rig.drone.perform(.land, name: "land").success)
            #expect(await !rig.simulator.groundTruth.flying)
            #expect(!rig.log.records.contains { $0.message == "drone link lost" })
        }
    }
}

/// SDK 3.0's own keepalive on a RoboMaster TT; `battery?` on SDK 2.0 drones.
@Suite struct DroneKeepaliveModelTests {
    /// What the drone received while the link idled past two keepalive
    /// intervals after `connect_drone`, in a simulation: the keepalives.
    func keepalives(_ model: TelloModel) async throws -> [String] {
        var configuration = SimulatedTello.Configuration()
        configuration.parameters = .realDrone(model)
        let chosen = configuration
        return try await Simulation.run(name: "keepalive-model") { simulation in
            let log = MemorySink()
            let (simulator, _, transport) = try await boundInMemory(chosen, in: simulation, transportLog: MemorySink(), simulatorLog: log)
            let link = DroneLink(transport: transport, time: simulation.time, logger: Logger(component: "link", sink: MemorySink()))
            let drone = Drone(link: link, time: simulation.time, logger: Logger(component: "drone", sink: MemorySink()))
            return try await flying(simulator, drone) {
                #expect(await drone.connect().success)
                let before = log.records.count
                let received = { log.records.dropFirst(before).filter { $0.message == "command received" }.compactMap { $0[field: "command"] } }
                try await eventually("two keepalives") { received().count >= 2 }
                return received()
            }
        }
    }

    /// The first keepalive asks `sdk?`; its answer picks the rest.
    @Test func theTTGetsKeepaliveAndAPlainTelloBattery() async throws {
        #expect(try await keepalives(.tt).prefix(2) == ["sdk?", "keepalive"])
        #expect(try await keepalives(.tello).prefix(2) == ["sdk?", "battery?"])
    }
}
