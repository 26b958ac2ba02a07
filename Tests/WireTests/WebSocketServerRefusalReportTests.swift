import Sockets
import TestSupport
import Testing
@testable import Wire

/// Every newcomer that does not reach the handler is told to the owner's
/// `refused` before its answer is sent, so the owner can write the one line
/// about it; with the lifecycle level at debug, this layer's own line is debug.
@Suite struct WebSocketServerRefusalReportTests {
    @Test func refusalsAreToldToTheOwnerBeforeTheAnswer() async throws {
        let server = try WebSocketTestServer(
            configuration: WebSocketConfiguration(lifecycleLogLevel: .debug), limits: .init(total: 2),
            decide: { $0.origin == nil ? .accept : .reject(status: 403, reason: "origin not allowed") })
        defer { server.server.close() }
        try await within {
            let address = server.server.localAddress
            let foreign = try await RawWebSocketClient.connect(to: address, headers: ["Origin": "https://elsewhere.example"])
            #expect(foreign.status == 403)
            #expect(server.refusals.all.last?.cause == .rejected, "told before the 403 was sent")
            #expect(server.refusals.all.last?.origin == "https://elsewhere.example")
            foreign.client.tcp.close()

            let bad = try await RawWebSocketClient.connect(to: address, requestHead: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(bad.status == 426)
            #expect(server.refusals.all.last?.cause == .badHandshake)
            #expect(server.refusals.all.last?.client == bad.client.tcp.localAddress)
            bad.client.tcp.close()
            // The refused have left the server (they are counted until they do) before the holders come.
            try await eventually { server.server.connectionCount == 0 }

            let holders = [try await TCPConnection.connect(to: address), try await TCPConnection.connect(to: address)]
            try await eventually { server.server.connectionCount == 2 }
            let full = try await RawWebSocketClient.connect(to: address)
            #expect(full.status == 503)
            #expect(server.refusals.all.last?.cause == .serverFull)
            full.client.tcp.close()

            #expect(server.refusals.all.map(\.status) == [403, 426, 503])
            let lines = server.logs.records.filter { $0.message == "connection refused" }
            #expect(lines.count == 3)
            #expect(lines.allSatisfy { $0.level == .debug }, "\(lines.map(\.formatted))")
            holders.forEach { $0.close() }
        }
    }
}
