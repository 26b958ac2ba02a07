import Foundation
@testable import Sockets
import TestSupport
import Testing

@Suite struct UDPSocketTests {
    @Test func echoesOverLoopbackOnPortZero() async throws {
        let server = try UDPSocket.bind()
        let client = try UDPSocket.bind()
        defer { server.close(); client.close() }
        #expect(server.localAddress.port != 0)

        try await within {
            try await client.send(Array("command".utf8), to: server.localAddress)
            let request = try await server.receive()
            #expect(request.bytes == Array("command".utf8))
            #expect(request.from == client.localAddress)
            try await server.send(Array("ok".utf8), to: request.from)
            let reply = try await client.receive()
            #expect(reply == Datagram(bytes: Array("ok".utf8), from: server.localAddress))
        }
    }

    @Test func zeroLengthDatagramIsADatagram() async throws {
        let server = try UDPSocket.bind()
        let client = try UDPSocket.bind()
        defer { server.close(); client.close() }
        try await within {
            try await client.send([], to: server.localAddress)
            try await client.send([7], to: server.localAddress)
            #expect(try await server.receive() == Datagram(bytes: [], from: client.localAddress))
            #expect(try await server.receive().bytes == [7])
        }
    }

    @Test func closeWakesAPendingReceive() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let socket = try UDPSocket.bind(reactor: reactor)
        let receiving = Task { try await socket.receive() }
        try await eventually { reactor.waiterCount == 1 }
        socket.close()
        socket.close()
        let error = await #expect(throws: SocketError.self) { try await within { try await receiving.value } }
        #expect(error?.isClosed == true)
        #expect(reactor.waiterCount == 0)
    }

    @Test func manyDatagramsArriveInOrderOnLoopback() async throws {
        let server = try UDPSocket.bind()
        let client = try UDPSocket.bind()
        defer { server.close(); client.close() }
        try await within {
            for index in 0..<200 { try await client.send([UInt8(index)], to: server.localAddress) }
            for index in 0..<200 { #expect(try await server.receive().bytes == [UInt8(index)]) }
        }
    }
}
