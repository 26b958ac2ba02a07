import Clocks
import Networks
import MemoryNetwork
import Sockets
import Testing

@Suite("MemoryNetwork datagrams")
struct MemoryDatagramTests {
    let time = VirtualTime()

    @Test func aDatagramArrivesWholeWithItsSender() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        try await a.send(Array("command".utf8), to: b.localAddress)
        let datagram = try await b.receive()
        #expect(datagram == Datagram(bytes: Array("command".utf8), from: a.localAddress))
        try await b.send([], to: a.localAddress)
        #expect(try await a.receive().bytes.isEmpty, "a zero-length datagram is a datagram")
        #expect(network.counters.delivered == 2)
    }

    @Test func portZeroPicksTheSamePortsEveryRunAndTakenPortsAreRefused() throws {
        func ports() throws -> [UInt16] {
            let network = MemoryNetwork(time: VirtualTime(), seed: 1)
            return try (0..<3).map { _ in try network.bindDatagram(.loopback()).localAddress.port }
        }
        #expect(try ports() == [32768, 32769, 32770])
        #expect(try ports() == ports())
        let network = MemoryNetwork(time: time, seed: 1)
        let taken = try network.bindDatagram(.loopback(port: 8889))
        #expect(throws: SocketError.self) { try network.bindDatagram(.loopback(port: 8889)) }
        #expect(throws: SocketError.self) { try network.bindDatagram(.any(port: 8889)) }
        taken.close()
        _ = try network.bindDatagram(.any(port: 8889))
        #expect(throws: SocketError.self) { try network.bindDatagram(.loopback(port: 8889)) }
    }

    @Test func aWildcardBindHearsItsPortOnAnyHostAndSendsFromLoopback() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        let drone = try network.bindDatagram(.any(port: 8889))
        let client = try network.bindDatagram(.loopback())
        try await client.send([1], to: SocketAddress(host: "192.168.10.1", port: 8889)!)
        #expect(try await drone.receive().from == client.localAddress)
        try await drone.send([2], to: client.localAddress)
        #expect(try await client.receive().from == .loopback(port: 8889))
    }

    @Test func closingWakesAPendingReceiveWithAClosedError() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        let endpoint = try network.bindDatagram(.loopback())
        let pending = Task { try await endpoint.receive() }
        endpoint.close()
        await #expect(throws: SocketError.self) { _ = try await pending.value }
        do {
            _ = try await endpoint.receive()
            Issue.record("a closed endpoint received")
        } catch let error as SocketError {
            #expect(error.isClosed)
        }
        await #expect(throws: SocketError.self) { try await endpoint.send([1], to: .loopback(port: 1)) }
    }

    @Test func cancellingAReceiveEndsItWithoutLosingTheNextDatagram() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        let waiting = Task { try await b.receive() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        try await a.send([7], to: b.localAddress)
        #expect(try await b.receive().bytes == [7], "the cancelled receive took nothing")
    }

    @Test func nobodyBoundMeansTheDatagramIsDropped() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        let a = try network.bindDatagram(.loopback())
        try await a.send([1], to: .loopback(port: 9))
        #expect(network.counters.undeliverable == 1)
        #expect(network.counters.delivered == 0)
    }

    @Test func aDelayedDatagramIsATimerOnTheClockAndInFlightUntilItFires() async throws {
        let network = MemoryNetwork(time: time, seed: 1)
        network.setFaults(LinkFaults(delay: .milliseconds(30)))
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        try await a.send([1], to: b.localAddress)
        #expect(time.nextDeadline == .milliseconds(30))
        #expect(!network.isQuiet)
        time.advance(to: .milliseconds(29))
        #expect(network.counters.delivered == 0)
        time.advance(to: .milliseconds(30))
        #expect(network.isQuiet)
        #expect(try await b.receive().bytes == [1])
    }
}
