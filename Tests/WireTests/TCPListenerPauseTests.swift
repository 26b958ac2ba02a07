import Glibc
@testable import Sockets
import TestSupport
import Testing

/// Pausing a listener stops it listening but keeps its socket, and so its
/// port: what a server that is "down" for a while needs, so that no other
/// server is given the port and answers its clients meanwhile.
@Suite struct TCPListenerPauseTests {
    /// A pause shuts the listening socket down for reading, which epoll reports
    /// as a hang-up. For a listener that is not an end: once resumed, a wait for
    /// a newcomer must block again, not return at once forever (taking the
    /// hang-up for an end made an accept loop spin: a 3002 mock ate a core).
    @Test func aPauseIsNotTakenForTheEndOfTheSocket() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let listener = try TCPListener.bind(reactor: reactor)
        defer { listener.close() }
        try listener.pause()
        // Two turns of the reactor: what the pause made ready has been seen.
        for _ in 0..<2 { await withTaskExecutorPreference(reactor) { await reactor.endOfTurn() } }
        try listener.resume()
        let ended = reactor.lock.withLock { reactor.entries[listener.handle.token]?.readEnded }
        #expect(ended == false)
        try await within {
            let client = try await TCPConnection.connect(to: listener.localAddress, reactor: reactor)
            defer { client.close() }
            let accepted = try await listener.accept()
            accepted.close()
        }
    }

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
