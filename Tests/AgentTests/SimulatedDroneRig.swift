import Agent
import Clocks
import Lifetimes
import Logs
import Sockets
import TelloSim
import Testing
import Wire

/// A `Drone` on a real `DroneLink` over loopback UDP to a `SimulatedTello`
/// on port 0, connected (in SDK mode) while `running`: the agent's drone side
/// without its WebSocket front, on a clock `scale` times faster than real.
struct SimulatedDroneRig {
    let simulator: SimulatedTello
    /// What the simulator was started with, to start a replacement on the same ports.
    let configuration: SimulatedTello.Configuration
    let address: SocketAddress
    let time: SystemTime
    let link: DroneLink
    let drone: Drone
    /// The drone's lines.
    let log: MemorySink
    /// The link's lines, debug and up (what it sent, what it discarded).
    let linkLog: MemorySink

    static func make(scale: Double = 10, _ configure: (inout SimulatedTello.Configuration) -> Void = { _ in }) async throws
        -> SimulatedDroneRig
    {
        let time = SystemTime(scale: scale)
        let states = try UDPSocket.bind(.loopback())
        var configuration = SimulatedTello.Configuration.exact()
        configuration.statePort = states.localAddress.port
        configure(&configuration)
        let simulator = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
        let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0)
        let transport = DatagramDroneTransport(drone: address, commands: try UDPSocket.bind(.loopback()), states: states,
                                          logger: Logger(component: "udp", sink: MemorySink()))
        let (log, linkLog) = (MemorySink(), MemorySink())
        let link = DroneLink(transport: transport, time: time, networkTime: SystemTime(),
                             logger: Logger(component: "link", minimumLevel: .debug, sink: linkLog))
        let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: log))
        return SimulatedDroneRig(simulator: simulator, configuration: configuration, address: address, time: time, link: link,
                                 drone: drone, log: log, linkLog: linkLog)
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

/// Runs `simulator` and `drone` while `body` runs, then stops the drone and
/// then the simulator, and awaits both.
func flying<T>(_ simulator: SimulatedTello, _ drone: Drone, _ body: () async throws -> T) async rethrows -> T {
    try await withRunning({ await simulator.run() }) {
        try await withRunning({ await drone.run() }, body)
    }
}
