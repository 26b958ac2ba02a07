import Agent
import Clocks
import Lifetimes
import Logs
import Networks
import TelloSDK
import TelloSim
import TestSupport
import Testing

/// A real Tello (no power button handed in) that switched itself off stays
/// off: `connect_drone` fails as before, and its error says why a Tello may
/// be silent and what to do. The drone here is the simulator, unseen by the
/// agent, as a real one would be.
@Suite struct RealDroneSwitchedOffTests {
    @Test func withoutAPowerButtonConnectDroneFailsWithAHint() async throws {
        try await Simulation.run(name: "real-drone-off") { simulation in
            let network = simulation.network
            let states = try network.bindDatagram(.loopback())
            var configuration = SimulatedTello.Configuration()  // the real drone: it overheats
            configuration.statePort = states.localAddress.port
            let simulator = SimulatedTello(configuration: configuration, time: simulation.time,
                                           logger: Logger(component: "sim", sink: MemorySink()))
            let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
            let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                                   logger: Logger(component: "udp", sink: MemorySink()))
            let link = DroneLink(transport: transport, time: simulation.time, logger: Logger(component: "link", sink: MemorySink()))
            let droneLog = MemorySink()
            let drone = Drone(link: link, time: simulation.time, logger: Logger(component: "drone", sink: droneLog))
            try await withRunning({ await simulator.run() }) {
                try await withRunning({ await drone.run() }) {
                    #expect(await drone.connect().success)
                    try await eventually("the drone overheated on the ground", within: 300) { await simulator.groundTruth.poweredOff }
                    let result = await drone.connect()
                    #expect(!result.success)
                    #expect(result.text == .droneSilentOnConnect("command"), "\(result)")
                    #expect(result.text.render(.english).contains("press its power button"))
                    #expect(result.text.render(.chinese).hasPrefix(AgentText.droneTimeout("command").render(.chinese)))
                    #expect(await simulator.groundTruth.poweredOff, "nobody switched it on")
                    // The operator's log says it too, once, with the reason the client was given.
                    let lines = droneLog.lines.filter { $0.hasPrefix("warning drone: drone not connected") }
                    #expect(lines.count == 1, "\(droneLog.lines)")
                    #expect(lines.first?.contains("press its power button") == true, "\(lines)")
                }
            }
        }
    }
}
