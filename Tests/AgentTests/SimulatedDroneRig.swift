import Agent
import Clocks
import Lifetimes
import MemoryNetwork
import Logs
import Sockets
import TelloSim
import Testing
import TestSupport
import Wire

/// A `Drone` on a real `DroneLink` over UDP to a `SimulatedTello`, connected
/// (in SDK mode) while `running`: the agent's drone side without its
/// WebSocket front. It runs in a `Simulation`: the datagrams go over its
/// memory network, and timeouts, keepalives and flight pass in virtual time.
struct SimulatedDroneRig: Sendable {
    let simulator: SimulatedTello
    /// What the simulator was started with, to start a replacement on the same ports.
    let configuration: SimulatedTello.Configuration
    let address: SocketAddress
    let time: VirtualTime
    let network: MemoryNetwork
    let link: DroneLink
    let drone: Drone
    /// The drone's lines.
    let log: MemorySink
    /// The link's lines, debug and up (what it sent, what it discarded).
    let linkLog: MemorySink

    /// Runs `body` in a fresh simulation with the rig running, connected (`running`).
    static func with<T: Sendable>(_ configure: (inout SimulatedTello.Configuration) -> Void = { _ in },
                                  _ body: @escaping @Sendable (SimulatedDroneRig) async throws -> T) async throws -> T {
        var configuration = SimulatedTello.Configuration.exact()
        configure(&configuration)
        let chosen = configuration
        return try await Simulation.run(name: "drone-rig") { simulation in
            let rig = try await make(chosen, in: simulation)
            return try await rig.running { try await body(rig) }
        }
    }

    private static func make(_ chosen: SimulatedTello.Configuration, in simulation: Simulation) async throws -> SimulatedDroneRig {
        let (time, network) = (simulation.time, simulation.network)
        let (simulator, configuration, transport) = try await boundInMemory(chosen, in: simulation, transportLog: MemorySink())
        let address = transport.drone
        let (log, linkLog) = (MemorySink(), MemorySink())
        let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", minimumLevel: .debug, sink: linkLog))
        let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: log))
        return SimulatedDroneRig(simulator: simulator, configuration: configuration, address: address, time: time, network: network,
                                 link: link, drone: drone, log: log, linkLog: linkLog)
    }

    /// Runs the simulator and the drone, connected, while `body` runs; both
    /// have stopped (the drone first) when this returns.
    func running<T>(_ body: () async throws -> T) async rethrows -> T {
        try await flying(simulator, drone) {
            #expect(await drone.connect().success)
            return try await body()
        }
    }
}

/// A simulator bound on `simulation`'s network, its state stream sent to the
/// drone transport's own endpoint there, and that transport (logging to
/// `transportLog`; the simulator logs to `simulatorLog`).
func boundInMemory(_ chosen: SimulatedTello.Configuration, in simulation: Simulation, transportLog: MemorySink,
                   simulatorLog: MemorySink = MemorySink(), minimumLevel: LogLevel = .info) async throws -> (SimulatedTello, SimulatedTello.Configuration, DatagramDroneTransport) {
    let network = simulation.network
    let states = try network.bindDatagram(.loopback())
    var configuration = chosen
    configuration.statePort = states.localAddress.port
    let simulator = SimulatedTello(configuration: configuration, time: simulation.time, logger: Logger(component: "sim", sink: simulatorLog))
    let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
    let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                           logger: Logger(component: "udp", minimumLevel: minimumLevel, sink: transportLog))
    return (simulator, configuration, transport)
}

/// Runs `simulator` and `drone` while `body` runs, then stops the drone and
/// then the simulator, and awaits both.
func flying<T>(_ simulator: SimulatedTello, _ drone: Drone, _ body: () async throws -> T) async rethrows -> T {
    try await withRunning({ await simulator.run() }) {
        try await withRunning({ await drone.run() }, body)
    }
}
