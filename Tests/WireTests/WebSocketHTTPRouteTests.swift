import TestSupport
import Testing
@testable import Wire

@Suite struct WebSocketHTTPRouteTests {
    /// One HTTP server carrying a plain route and a WebSocket route.
    @Test func webSocketBesidePlainRoutes() async throws {
        var router = HTTPRouter()
        router.get("/health") { _ in .text("ok\n") }
        router.route("GET", "/ws") { request in
            WebSocketConnection.upgradeReply(to: request) { connection in
                while let message = await connection.receive() { _ = await connection.send(message) }
            }
        }
        let server = try HTTPServer(address: .loopback(), router: router)
        try await within {
            let client = try await WebSocketConnection.connect(to: "ws://\(server.localAddress)/ws")
            #expect(await client.send(text: "over http") == .sent)
            #expect(await client.receive() == .text("over http"))
            await client.close(code: .goingAway)
            #expect(await client.closed().reportedCode == .goingAway)
            let plain = try await RawWebSocketClient.connect(to: server.localAddress, path: "/ws",
                requestHead: Array("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(plain.status == 426)
        }
        await server.shutdown()
    }
}
