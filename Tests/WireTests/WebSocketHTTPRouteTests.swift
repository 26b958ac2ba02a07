import Clocks
@testable import HTTPCodec
import Logs
@testable import Sockets
import Testing
import TestSupport
@testable import WebSocketCodec
@testable import Wire

@Suite struct WebSocketHTTPRouteTests {
    /// One HTTP server carrying a plain route and a WebSocket route.
    @Test func webSocketBesidePlainRoutes() async throws {
        var router = HTTPRouter()
        router.get("/health") { _ in .text("ok\n") }
        router.webSocket("/ws", endpoint: .task { connection, _ in
            while let message = await connection.receive() { _ = await connection.send(message) }
        })
        let server = try HTTPServer(address: .loopback(), router: router)
        try await withTeardown({ await server.shutdown() }) { () async throws in
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
        }
    }

    /// Shutdown is one drain for both kinds of connection: an open WebSocket is
    /// told the server is going away (1001) and shutdown returns once it is over,
    /// well before the grace (on a clock nobody advances).
    @Test func shutdownClosesWebSocketsWithGoingAwayAndWaitsForThem() async throws {
        let time = VirtualTime()
        var router = HTTPRouter()
        router.webSocket("*", time: time, goingAwayReason: "bye for now", endpoint: .task { connection, _ in
            while await connection.receive() != nil {}
        })
        let server = try HTTPServer(address: .loopback(), configuration: .init(shutdownGrace: .seconds(30)), time: time, router: router)
        try await within {
            let client = try await WebSocketConnection.connect(to: "ws://\(server.localAddress)/")
            try await eventually { server.connectionCount == 1 }
            await server.shutdown()
            #expect(server.connectionCount == 0)
            let info = await client.closed()
            #expect(info.reportedCode == .goingAway)
            #expect(info.reason == "bye for now")
            #expect(info.initiator == .remote)
        }
    }

    /// Upgrade requests reach the WebSocket endpoint before a page on the same
    /// path; plain requests reach the page; a plain request no page serves gets
    /// the endpoint's refusal (426), not a 404.
    @Test func upgradesComeFirstPagesNextAndTheEndpointAnswersTheRest() async throws {
        var router = HTTPRouter()
        router.get("/") { _ in .text("page\n") }
        router.upgradeRoute("websocket", "*") { _, _ in .response(.text("endpoint\n", status: 426)) }
        let handler = router.handler
        let peer = HTTPConnectionInfo(remoteAddress: .loopback(port: 1), localAddress: .loopback(port: 2))
        func answer(_ target: String, _ headers: HTTPHeaders = [:]) async throws -> String {
            guard case .response(let response) = try await handler(HTTPRequest(target: target, headers: headers), peer) else { return "?" }
            return response.bodyText ?? "?"
        }
        #expect(try await answer("/", ["Upgrade": "websocket", "Connection": "Upgrade"]) == "endpoint\n")
        #expect(try await answer("/", ["Upgrade": "WebSocket"]) == "endpoint\n")
        #expect(try await answer("/") == "page\n")
        #expect(try await answer("/elsewhere") == "endpoint\n")
    }
}
