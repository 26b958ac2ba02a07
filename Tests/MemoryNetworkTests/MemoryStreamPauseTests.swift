import Clocks
import MemoryNetwork
import Networks
import Sockets
import Testing

/// A paused in-memory listener behaves as a paused TCP one: newcomers are
/// refused, unaccepted ones reset, and the address stays taken until it resumes.
@Suite("MemoryNetwork paused listeners")
struct MemoryStreamPauseTests {
    let network = MemoryNetwork(time: VirtualTime(), seed: 1)

    @Test func pausedItRefusesAndKeepsItsAddressThenResumes() async throws {
        let listener = try network.listen(on: .loopback(port: 3002))
        let unaccepted = try await network.connect(to: listener.localAddress)
        try listener.pause()
        let reset = await #expect(throws: SocketError.self) { _ = try await unaccepted.read() }
        #expect(reset?.isConnectionReset == true, "not yet accepted: reset")
        let accept = await #expect(throws: SocketError.self) { _ = try await listener.accept() }
        #expect(accept?.isNotListening == true)
        let refused = await #expect(throws: SocketError.self) { _ = try await network.connect(to: .loopback(port: 3002)) }
        #expect(refused?.isConnectionRefused == true)
        #expect(throws: SocketError.self, "the address is held") { try network.listen(on: .loopback(port: 3002)) }

        try listener.resume()
        let client = try await network.connect(to: .loopback(port: 3002))
        let accepted = try await listener.accept()
        #expect(accepted.remoteAddress == client.localAddress)
    }

    @Test func anAcceptWaitingWhenThePauseComesIsToldNotListening() async throws {
        let listener = try network.listen(on: .loopback())
        let waiting = Task { try await listener.accept() }
        try listener.pause()
        let error = await #expect(throws: SocketError.self) { _ = try await waiting.value }
        #expect(error?.isNotListening == true)
    }
}
