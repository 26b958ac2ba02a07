import Agent
import Logs
import Sockets
import TestSupport
import Testing

/// The state port (8890 on a real controller) hears anything sent to it: a
/// second drone, a simulator left running by someone else, a stray script.
/// Only the drone we fly may set the status the agent reports and acts on.
@Suite struct DroneTransportStateSourceTests {
    @Test func stateFromAnotherAddressIsDroppedAndTheDronesOwnIsRead() async throws {
        let drone = try UDPSocket.bind(.loopback())
        let states = try UDPSocket.bind(.loopback())
        let stranger = try UDPSocket.bind(SocketAddress(ipv4: 0x7F00_0002, port: 0))
        let logs = MemorySink()
        let transport = DatagramDroneTransport(drone: drone.localAddress, commands: try UDPSocket.bind(.loopback()), states: states,
                                          logger: Logger(component: "udp", minimumLevel: .debug, sink: logs))
        try await stranger.send(Array("bat:7;".utf8), to: states.localAddress)
        try await stranger.send(Array("bat:8;".utf8), to: states.localAddress)
        try await drone.send(Array("bat:93;".utf8), to: states.localAddress)
        let line = try await within(5) { try await transport.receiveState() }
        #expect(line == "bat:93;")
        let warnings = logs.records.filter { $0.level == .warning && $0.message.contains("state") }
        #expect(warnings.count == 1, "the first stray state line from an address is a warning, the rest are not: \(warnings)")
        transport.close()
        drone.close()
        stranger.close()
    }
}
