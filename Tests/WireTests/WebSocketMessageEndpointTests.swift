import Logs
import Sockets
import TestSupport
import Testing
import WebSocketCodec
import Wire

/// A server whose connections are served by a message callback (no handler task).
@Suite struct WebSocketMessageEndpointTests {
    @Test func theCallbackEchoesInOrderAndShutdownClosesWithGoingAway() async throws {
        let server = try WebSocketServer.start(on: .loopback(), logger: Logger(component: "test", minimumLevel: .warning),
                                               endpoint: .messages { connection, message in _ = connection.send(message) })
        try await withTeardown({ await server.shutdown() }) {
            let client = try await WebSocketConnection.connect(to: "ws://\(server.localAddress)/")
            try await within {
                for index in 0..<20 { #expect(await client.send(text: "m\(index)") == .sent) }
                for index in 0..<20 { #expect(await client.receive() == .text("m\(index)")) }
                await server.shutdown()
                #expect(await client.closed() == WebSocketCloseInfo(initiator: .remote, code: .goingAway, reason: "server shutting down"))
                try await eventually { server.connectionCount == 0 }
            }
        }
    }
}
