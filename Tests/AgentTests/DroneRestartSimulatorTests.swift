import Agent
import Clocks
import Logs
import TelloSim
import Testing
import Wire

/// A drone restart over real UDP: the simulated Tello is stopped and a fresh
/// one (out of SDK mode, as after a battery swap) starts on the same port.
@Suite struct DroneRestartSimulatorTests {
    @Test func connectDroneSucceedsAndAMoveFliesAfterTheDroneRestarted() async throws {
        let time = SystemTime(scale: 10)
        let states = try UDPSocket.bind(.loopback())
        var configuration = SimulatedTello.Configuration.exact()
        configuration.statePort = states.localAddress.port
        let first = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
        let address = try await first.start(host: "127.0.0.1", commandPort: 0)
        let transport = UDPDroneTransport(drone: address, commands: try UDPSocket.bind(.loopback()), states: states,
                                          logger: Logger(component: "udp", sink: MemorySink()))
        let linkLog = MemorySink()
        let link = DroneLink(transport: transport, time: time, networkTime: SystemTime(),
                             logger: Logger(component: "link", minimumLevel: .debug, sink: linkLog))
        let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: MemorySink()))
        await drone.start()
        #expect(await drone.connect().success)

        // Counted before the restart: on a loaded machine the link may
        // already probe while the old drone is gone.
        let sentBefore = linkLog.records.count
        await first.stop()
        let second = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
        #expect(try await second.start(host: "127.0.0.1", commandPort: address.port) == address)
        // The keepalive goes unanswered and the link starts probing the restarted drone.
        await eventually(10, "a resynchronisation probe") {
            linkLog.records.dropFirst(sentBefore).contains { record in
                record.message == "send" && DroneCommand.probes.contains { $0.text == record[field: "command"] }
            }
        }

        #expect(await drone.connect().success, "connect_drone brings the drone back into SDK mode")
        #expect(await drone.perform(.takeoff, name: "takeoff").success)
        let move = CheckedAction.move(DroneCommand("forward 50", kind: .movement), report: [:])
        #expect(await drone.perform(move, name: "move_forward").success)
        #expect(abs(await second.groundTruth.x - 50) < 1, "the move was flown by the restarted drone")
        await drone.stop()
        await second.stop()
    }
}
