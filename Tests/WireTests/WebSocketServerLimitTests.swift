import Clocks
@testable import Sockets
import TestSupport
import Testing
@testable import Wire

/// One host cannot hold the whole server: connections are capped per remote
/// address, and a newcomer that never completes its upgrade is dropped when
/// the handshake timeout passes on the server's clock.
@Suite struct WebSocketServerLimitTests {
    /// Loopback clients counted (as a remote host would be): the address's second
    /// connection is refused with 503 while the first holds its place, and admitted once it is gone.
    @Test func oneAddressCannotHoldMoreThanItsShare() async throws {
        let server = try WebSocketTestServer(limits: .init(total: 100, perAddress: 1, perAddressCountsLoopback: true))
        defer { server.server.close() }
        try await within {
            let first = try await WebSocketConnection.connect(to: server.url)
            let second = try await RawWebSocketClient.connect(to: server.server.localAddress)
            #expect(second.status == 503)
            second.client.tcp.close()
            #expect(server.logs.lines.contains { $0.contains("too many connections from your address (1)") })
            await first.close()
            _ = await first.closed()
            try await eventually { server.server.connectionCount == 0 }
            let third = try await WebSocketConnection.connect(to: server.url)
            await third.close()
            _ = await third.closed()
        }
    }

    /// By default loopback is not counted per address: many tabs and scripts on one laptop work.
    @Test func loopbackClientsAreNotLimitedPerAddressByDefault() async throws {
        let server = try WebSocketTestServer(limits: .init(total: 100, perAddress: 1))
        defer { server.server.close() }
        try await within {
            var clients: [WebSocketConnection] = []
            for _ in 0..<3 { clients.append(try await WebSocketConnection.connect(to: server.url)) }
            for client in clients {
                #expect(await client.send(text: "hi") == .sent)
                await client.close()
                _ = await client.closed()
            }
        }
    }

    /// Idle newcomers hold the only place; when the (virtual) handshake timeout passes
    /// they are answered 408 and closed, and the next client is served.
    @Test func silentNewcomersAreDroppedAtTheHandshakeTimeout() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(time: time, limits: .init(total: 1, perAddress: 1, perAddressCountsLoopback: true,
                                                                        handshakeTimeout: .seconds(3)))
        defer { server.server.close() }
        try await within {
            let idle = try await TCPConnection.connect(to: server.server.localAddress)
            try await eventually { time.sleeperCount == 1 }
            let refused = try await RawWebSocketClient.connect(to: server.server.localAddress)
            #expect(refused.status == 503)
            refused.client.tcp.close()
            time.advance(by: .seconds(3))
            let answer = String(decoding: try await readAll(idle), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408 "))
            try await eventually { server.server.connectionCount == 0 }
            let served = try await RawWebSocketClient.connect(to: server.server.localAddress)
            #expect(served.status == 101)
            served.client.tcp.close()
            idle.close()
        }
    }
}

/// A flood of refused connections is logged once a second, with the count of the rest.
@Suite struct WebSocketServerRefusalLogTests {
    @Test func refusalsAreLoggedOncePerSecondWithACount() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(time: time, limits: .init(total: 1))
        defer { server.server.close() }
        try await within {
            let holder = try await TCPConnection.connect(to: server.server.localAddress)
            try await eventually { time.sleeperCount == 1 }
            for _ in 0..<4 {
                let refused = try await RawWebSocketClient.connect(to: server.server.localAddress)
                #expect(refused.status == 503)
                refused.client.tcp.close()
            }
            #expect(server.logs.lines.filter { $0.contains("connection refused") }.count == 1)
            time.advance(by: .seconds(1))
            let later = try await RawWebSocketClient.connect(to: server.server.localAddress)
            #expect(later.status == 503)
            later.client.tcp.close()
            let said = server.logs.lines.filter { $0.contains("connection refused") }
            #expect(said.count == 2)
            #expect(said.last?.contains("unlogged_refusals=3") == true, "\(said)")
            holder.close()
        }
    }
}
