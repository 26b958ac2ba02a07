import Agent
import Clocks
import Foundation
import HTTPCodec
import JSONValue
import Logs
import Sockets
import Testing
import TestSupport
import WebSocketCodec
import Wire

/// The agent's one server: the WebSocket API and plain HTTP routes on one port,
/// with today's answers for everything that is not a WebSocket session.
@Suite struct AgentServerHTTPTests {
    /// A page at "/" and the API at "/" live side by side: the upgrade request opens a
    /// session, the plain one gets the page, and a plain request no route knows gets
    /// the WebSocket refusal it got before the agent had pages.
    @Test func pagesAndTheWebSocketAPIShareOnePort() async throws {
        let rig = RouterRig()
        let logs = MemorySink()
        var pages = HTTPRouter()
        pages.get("/") { _ in .text("console\n") }
        let server = try AgentServer.start(on: .loopback(), router: rig.router, access: AccessPolicy(), httpRoutes: pages,
                                           time: SystemTime(), logger: Logger(component: "agent", minimumLevel: .debug, sink: logs))
        try await withTeardown({ await server.close() }) { () async throws in
            let session = try await TestClient(url: "ws://\(server.localAddress)/", headers: [:])
            _ = try await session.first(type: "connection_established")
            let page = try await HTTPClient.send(HTTPRequest(target: "/"), to: server.localAddress, timeout: .seconds(5), time: SystemTime())
            #expect(page.status == 200)
            #expect(page.bodyText == "console\n")
            let other = try await HTTPClient.send(HTTPRequest(target: "/other"), to: server.localAddress, timeout: .seconds(5), time: SystemTime())
            #expect(other.status == 426)
            #expect(other.headers["Upgrade"] == "websocket")
            #expect(try await session.request("get_status")["type"] == "get_status_response", "the session is unaffected")
        }
    }

    /// A refused upgrade (foreign Origin) is logged once at info or above: by the
    /// agent, which knows why; the WebSocket layer's line is at debug.
    @Test func aRefusedUpgradeIsLoggedOnce() async throws {
        try await AgentHarness.with { rig in
            let tcp = try await rig.simulation.network.connect(to: rig.agent.address)
            defer { tcp.close() }
            let handshake = WebSocketClientHandshake(host: "\(rig.agent.address)", path: "/", extraHeaders: ["Origin": "https://evil.example"])
            try await tcp.write(handshake.requestHead)
            let answer = try await within(10) { try await readUntilClosed(tcp) }
            #expect(answer.hasPrefix("HTTP/1.1 403 "))
            let client = "\(tcp.localAddress)"
            let lines = rig.logs.records.filter { $0.level >= .info && $0[field: "client"] == client }
            #expect(lines.map(\.message) == ["connection refused"], "refusal lines: \(lines.map(\.message))")
            #expect(lines.first?[field: "status"] == "403")
        }
    }

    /// An upgrade request with a body is refused 413 before any of it is buffered,
    /// as it was when the WebSocket server read handshakes itself.
    @Test func anUpgradeRequestWithABodyGets413() async throws {
        try await AgentHarness.with { rig in
            let tcp = try await rig.simulation.network.connect(to: rig.agent.address)
            defer { tcp.close() }
            var head = String(decoding: WebSocketClientHandshake(host: "\(rig.agent.address)", path: "/").requestHead, as: UTF8.self)
            head = String(head.dropLast()) + "Content-Length: 5\r\n\r\nhello"  // "\r\n" is one Character
            try await tcp.write(Array(head.utf8))
            let answer = try await within(10) { try await readUntilClosed(tcp) }
            #expect(answer.hasPrefix("HTTP/1.1 413 "))
        }
    }

    /// Closing the agent's server tells every client it is going away, with the agent's reason.
    @Test func closingTheServerSendsGoingAway() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.first(type: "connection_established")
            await rig.agent.server.close()
            let info = try await within(10) { await client.connection.closed() }
            #expect(info.reportedCode == .goingAway)
            #expect(info.reason == "agent shutting down")
        }
    }
}

/// Everything the peer sends until it closes, as text.
private func readUntilClosed(_ tcp: any ByteStream) async throws -> String {
    var bytes: [UInt8] = []
    while true {
        let chunk = try await tcp.read()
        if chunk.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        bytes += chunk
    }
}
