import Clocks
import Logs
import Sockets
import Testing
import TelloSDK
import TelloSim

/// The simulator in-process, flown over real UDP the way any Tello client flies a drone.
@Suite("Fly the simulator from a test")
struct FlySimulatorTests {
    @Test func takesOffFliesForwardAndLands() async throws {
        let client = try UDPSocket.bind(.loopback())
        // The drone streams state to the client's host at `statePort` (8890 by default): give it a port of ours.
        let states = try UDPSocket.bind(.loopback())
        var configuration = SimulatedTello.Configuration()
        configuration.statePort = states.localAddress.port
        // Simulated time runs 10x faster than the wall clock: the 5 s takeoff takes 0.5 s.
        let drone = SimulatedTello(configuration: configuration, time: SystemTime(scale: 10),
                                   logger: Logger(component: "tello-sim", minimumLevel: .warning))
        defer {
            client.close()
            states.close()
        }
        // Port 0: the system picks a free port, so tests can run side by side. The drone serves
        // while the closure runs and is stopped, its loops ended, when it returns or throws.
        try await drone.serving(host: "127.0.0.1", commandPort: 0) { (address: SocketAddress) async throws in
            for command: TelloCommand in [.command, .takeoff, .move(.forward, centimeters: 50)] {
                #expect(try await ask(command, of: address, through: client) == .ok, "\(command.text)")
            }
            let aloft = await drone.groundTruth
            #expect(aloft.flying && aloft.x == 50 && aloft.z == 100)

            #expect(try await ask(.land, of: address, through: client) == .ok)
            let landed = await drone.groundTruth
            #expect(!landed.flying && landed.z == 0)
        }
    }

    /// Sends one command and waits for the drone's reply, failing after `seconds` of wall time.
    func ask(_ command: TelloCommand, of drone: SocketAddress, through client: UDPSocket, within seconds: Double = 10) async throws -> TelloReply {
        try await client.send(Array(command.text.utf8), to: drone)
        return try await withThrowingTaskGroup(of: TelloReply?.self) { group in
            group.addTask { TelloReply(text: String(decoding: try await client.receive().bytes, as: UTF8.self)) }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let reply = try await group.next() ?? nil else { throw NoReply(command: command.text, seconds: seconds) }
            return reply
        }
    }
}

struct NoReply: Error, CustomStringConvertible {
    let command: String
    let seconds: Double
    var description: String { "no reply to '\(command)' within \(seconds) s" }
}
