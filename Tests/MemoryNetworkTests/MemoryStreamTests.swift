import Clocks
import MemoryNetwork
import Networks
import Sockets
import Testing

@Suite("MemoryNetwork streams")
struct MemoryStreamTests {
    let network = MemoryNetwork(time: VirtualTime(), seed: 1)

    @Test func aConnectionCarriesBytesBothWaysBetweenAddresses() async throws {
        let listener = try network.listen(on: .loopback())
        let client = try await network.connect(to: listener.localAddress)
        let server = try await listener.accept()
        #expect(server.remoteAddress == client.localAddress)
        #expect(client.remoteAddress == listener.localAddress)
        try await client.write(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(try await server.read() == Array("GET / HTTP/1.1\r\n\r\n".utf8))
        try await server.write([1, 2, 3])
        #expect(try await client.read() == [1, 2, 3])
        #expect(network.counters.connections == 1)
    }

    @Test func nobodyListeningIsRefusedAndAClosedListenerStopsAccepting() async throws {
        do {
            _ = try await network.connect(to: .loopback(port: 3002))
            Issue.record("connected to nobody")
        } catch let error as SocketError {
            #expect(error.isConnectionRefused)
        }
        let listener = try network.listen(on: .loopback(port: 3002))
        #expect(throws: SocketError.self) { try network.listen(on: .loopback(port: 3002)) }
        let waiting = Task { try await listener.accept() }
        listener.close()
        await #expect(throws: SocketError.self) { _ = try await waiting.value }
        await #expect(throws: SocketError.self) { _ = try await network.connect(to: .loopback(port: 3002)) }
        _ = try network.listen(on: .loopback(port: 3002))  // the port is free again: the backend comes back up
    }

    @Test func cancellingAnAcceptEndsItWithoutLosingTheNextConnection() async throws {
        let listener = try network.listen(on: .loopback())
        let waiting = Task { try await listener.accept() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        let client = try await network.connect(to: listener.localAddress)
        #expect(try await listener.accept().remoteAddress == client.localAddress, "the cancelled accept took nothing")
    }

    @Test func aResetAtOneEndIsAConnectionResetAtTheOther() async throws {
        let listener = try network.listen(on: .loopback())
        let client = try await network.connect(to: listener.localAddress)
        let server = try await listener.accept()
        let reading = Task { try await server.read() }
        #expect(network.reset(client.localAddress) == 1)
        do {
            _ = try await reading.value
            Issue.record("read after a reset")
        } catch let error as SocketError {
            #expect(error.isConnectionReset)
        }
    }

    @Test func aHalfCloseEndsOneDirectionOnly() async throws {
        let listener = try network.listen(on: .loopback())
        let client = try await network.connect(to: listener.localAddress)
        let server = try await listener.accept()
        try await client.write([9])
        #expect(network.halfClose(client.localAddress) == 1)
        #expect(try await server.read() == [9])
        #expect(try await server.read() == [], "the end of the stream after the bytes")
        try await server.write([4])
        #expect(try await client.read() == [4], "the other direction still flows")
    }

    @Test func streamAndDatagramPortsAreSeparateSpacesAndPickedTheSameEveryRun() async throws {
        let listener = try network.listen(on: .loopback())
        let endpoint = try network.bindDatagram(.loopback(port: listener.localAddress.port))
        #expect(endpoint.localAddress.port == listener.localAddress.port)
        #expect(listener.localAddress.port == 32768)
        let client = try await network.connect(to: listener.localAddress)
        #expect(client.localAddress.port == 32769)
    }
}
