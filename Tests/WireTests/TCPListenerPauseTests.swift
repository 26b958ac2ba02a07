import Glibc
@testable import Sockets
import TestSupport
import Testing

/// Pausing a listener stops it listening but keeps its socket, and so its
/// port: what a server that is "down" for a while needs, so that no other
/// server is given the port and answers its clients meanwhile.
@Suite struct TCPListenerPauseTests {
    @Test func pausedItRefusesAndHoldsItsPortThenResumesOnIt() async throws {
        let listener = try TCPListener.bind()
        defer { listener.close() }
        let address = listener.localAddress
        try await within {
            async let pending = listener.accept()
            try listener.pause()
            do {
                let stranger = try await pending
                stranger.close()
                Issue.record("an accept pending at the pause took a connection")
            } catch let error as SocketError {
                #expect(error.isNotListening, "\(error)")
            }
            let later = await #expect(throws: SocketError.self) { try await listener.accept() }
            #expect(later?.isNotListening == true)
            let refused = await #expect(throws: SocketError.self) { try await TCPConnection.connect(to: address) }
            #expect(refused?.isConnectionRefused == true)
        }
        #expect(throws: SocketError.self, "the port is held") { try TCPListener.bind(address).close() }

        try listener.resume()
        let (client, server) = try await within { try await connected(to: listener) }
        #expect(server.localAddress == address)
        client.close()
        server.close()
    }

    /// The listener's own connections linger on the port once it closed them
    /// first (FIN_WAIT, then TIME_WAIT): holding the port must not depend on
    /// the port being free of them, and listening again must not be refused by them.
    @Test func itsLingeringConnectionsNeitherFreeThePortNorStopTheResume() async throws {
        let listener = try TCPListener.bind()
        defer { listener.close() }
        let address = listener.localAddress
        try await within {
            let (client, server) = try await connected(to: listener)
            server.close()
            #expect(try await client.read().isEmpty, "the server's end closed first")
            client.close()
        }
        try listener.pause()
        #expect(throws: SocketError.self, "the port is held") { try TCPListener.bind(address).close() }
        try listener.resume()
        let (client, server) = try await within { try await connected(to: listener) }
        client.close()
        server.close()
    }

    /// A connection to `listener`, both ends.
    func connected(to listener: TCPListener) async throws -> (client: TCPConnection, server: TCPConnection) {
        async let accepted = listener.accept()
        let client = try await TCPConnection.connect(to: listener.localAddress)
        return (client, try await accepted)
    }

    @Test func closingWhilePausedLetsThePortGo() throws {
        let listener = try TCPListener.bind()
        let address = listener.localAddress
        try listener.pause()
        listener.close()
        try TCPListener.bind(address).close()
    }
}
