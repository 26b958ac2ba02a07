import Sockets
import Testing

@testable import Bridge3002Mocks

/// A down 3002 mock holds its port. A port picked by a server asking for
/// port 0 may still carry closed connections of an earlier server (TIME_WAIT,
/// FIN_WAIT: the kernel lets a listener with SO_REUSEADDR take such a port),
/// and those must not keep the mock from holding it: the port would be free
/// for any other test's server, and "down" would reach a stranger.
@Suite struct RefusingPortTests {
    @Test func aPortWithClosedConnectionsOnItIsHeldAndRefuses() async throws {
        let listener = try TCPListener.bind(.loopback(port: 0))
        let port = listener.localAddress.port
        let client = try await TCPConnection.connect(to: listener.localAddress)
        let served = try await listener.accept()
        served.close()  // the server closes first: its side lingers on the port
        client.close()
        listener.close()
        let held = try RefusingPort(port)
        defer { held.release() }
        await #expect(throws: SocketError.self, "a connection to a held port is refused") {
            try await TCPConnection.connect(to: .loopback(port: port)).close()
        }
    }
}
