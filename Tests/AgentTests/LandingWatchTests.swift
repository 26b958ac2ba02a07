import Agent
import Clocks
import Foundation
import Logs
import Sockets
import TelloSDK
import TelloSim
import TestSupport
import Testing

/// The agent's `flying` follows the drone's state stream when the drone lands
/// by itself (scenarios/low-battery.json).
@Suite struct LandingWatchTests {
    @Test func aFlightEndsAfterConsecutiveGroundLinesOnly() {
        var watch = LandingWatch()
        let ground = TelloState(tof: 10, h: 0)
        let airborne = TelloState(tof: 100, h: 100)
        let short = LandingWatch.linesToLand - 1
        var seen = (0..<short).map { _ in watch.landed(ground, flying: true) }
        seen.append(watch.landed(airborne, flying: true))  // one airborne line starts the count again
        seen += (0..<short).map { _ in watch.landed(ground, flying: true) }
        #expect(!seen.contains(true))
        let fifth = watch.landed(ground, flying: true)
        #expect(fifth)
        let known = watch.landed(ground, flying: false)
        #expect(!known, "nothing to end when the agent knows the drone is down")
        let lifted = (0..<10).map { _ in watch.landed(TelloState(tof: 80, h: 80), flying: false) }
        #expect(!lifted.contains(true), "airborne lines never start a flight: a drone lifted by hand looks the same")
    }

    @Test func aDroneLandedOnATableIsOnTheGround() {
        var watch = LandingWatch()
        let table = TelloState(tof: 10, h: 75)  // h is relative to the takeoff point
        let results = (0..<LandingWatch.linesToLand).map { _ in watch.landed(table, flying: true) }
        #expect(results.last == true)
    }

    /// Against the simulator, in a `Simulation` (memory datagrams, virtual
    /// time): the battery falls to 5 % in flight, the drone lands itself, the
    /// agent notices and asks the drone when told to take off again (refused:
    /// battery too low).
    @Test func theAgentNoticesTheDroneLandingItself() async throws {
        try await Simulation.run(name: "landing-watch") { simulation in try await Self.landingItself(in: simulation) }
    }

    static func landingItself(in simulation: Simulation) async throws {
        let (time, network) = (simulation.time, simulation.network)
        let states = try network.bindDatagram(.loopback())
        var configuration = SimulatedTello.Configuration.exact()
        configuration.statePort = states.localAddress.port
        let simulator = SimulatedTello(configuration: configuration, time: time,
                                       logger: Logger(component: "sim", sink: MemorySink()))
        let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
        let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                          logger: Logger(component: "udp", sink: MemorySink()))
        let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", sink: MemorySink()))
        let log = MemorySink()
        let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: log))
        try await flying(simulator, drone) {
            #expect(await drone.connect().success)
            #expect(await drone.perform(.takeoff, name: "takeoff").success)
            #expect(await drone.isFlying)

            await simulator.setBattery(5)
            try await eventually("the agent to see the landing", within: 10) { await !drone.isFlying }
            #expect(await !simulator.groundTruth.flying)
            #expect(log.records.contains { $0.message == "drone landed by itself" })
            let again = await drone.perform(.takeoff, name: "takeoff")
            #expect(!again.success, "takeoff is sent and refused, not answered 'already flying'")
            #expect(await drone.perform(.land, name: "land").text == .notFlying)
        }
    }
}
