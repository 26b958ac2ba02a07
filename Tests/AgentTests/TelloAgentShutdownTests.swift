import Agent
import Foundation
import JSONValue
import TestSupport
import Testing
import Sockets
import WebSocketCodec
import Wire

/// The built `tello-agent` and a real SIGTERM, over real sockets: shutdown is
/// a phase the clients can see, and it ends only when they were told goodbye.
@Suite struct TelloAgentShutdownTests {
    @Test func sigtermRefusesNewRequestsLandsAndAwaitsEveryClientsCloseBeforeExitingZero() async throws {
        let agent = try RunningExecutable("tello-agent", ["--port", "0", "--time-scale", "2", "--backend", "http://127.0.0.1:9"])
        try await withTeardown({ await agent.stop() }) {
            let address = try await listeningAddress(of: agent)
            let pilot = try await TestClient(url: "ws://\(address)/", headers: [:])
            // Answers the agent's Close only when this test says so.
            let slow = try await RawWebSocketClient.open(to: address)
            _ = try await slow.frame { $0.opcode == .text }  // connection_established
            _ = try await pilot.request("connect_drone")
            #expect(try await pilot.request("drone_command", ["action": "takeoff"])["success"] == true)

            kill(agent.processIdentifier, SIGTERM)
            // The phase has begun; the landing (about 1 s at this scale) is under way.
            _ = try await agent.waitForError { $0.contains("refusing new requests") }
            let refused = try await pilot.request("get_status")
            #expect(refused["success"] == false)
            #expect(refused["error"]?.stringValue == AgentText.shuttingDown.render(.chinese))

            let goodbye = try await within(20) { try await slow.frame { $0.opcode == .close } }
            #expect(goodbye.payload.prefix(2) == [0x03, 0xE9])  // 1001
            #expect(try await within(20) { await pilot.connection.closed() }.reportedCode == .goingAway)
            // The agent waits for the slow client's answer (within the close timeout), so it is still there.
            _ = try await agent.waitForError { $0.contains("closing clients") }
            #expect(agent.isRunning)
            try await slow.send(WebSocketFrame(opcode: .close, payload: [0x03, 0xE9]))
            slow.tcp.close()  // as a client does once the close handshake is over

            let status = try await agent.waitForExit()
            #expect(status == 0)
            let log = agent.standardError
            #expect(log.contains("landed before exit success=true"))
            #expect(log.components(separatedBy: "client disconnected").count - 1 == 2)
            #expect(log.contains("clients closed count=2"))
            #expect(log.contains("request refused: shutting down"))
        }
    }

    @Test func aClientThatNeverAnswersTheCloseCannotHoldTheExitPastTheGracePeriod() async throws {
        let agent = try RunningExecutable("tello-agent", ["--port", "0", "--shutdown-grace", "1", "--backend", "http://127.0.0.1:9"])
        try await withTeardown({ await agent.stop() }) {
            let address = try await listeningAddress(of: agent)
            let silent = try await RawWebSocketClient.open(to: address)  // never reads, never answers
            _ = try await agent.waitForError { $0.contains("client connected") }
            kill(agent.processIdentifier, SIGTERM)
            // Its close would take 10 s and more; the grace period is 1 s, then the rest is cancelled.
            let status = try await agent.waitForExit(within: 8)
            #expect(status == 1)
            let log = agent.standardError
            #expect(log.contains("grace period over: cancelling"))
            #expect(log.contains("stopped trigger=SIGTERM clean=false"))
            silent.tcp.close()
        }
    }

    /// The address from the banner's `listening on HOST:PORT` line, once the banner is complete.
    private func listeningAddress(of agent: RunningExecutable) async throws -> SocketAddress {
        let banner = try await agent.waitForOutput { $0.contains("flying the embedded simulator") }
        let first = banner.split(separator: "\n").first.map(String.init) ?? ""
        return try #require(SocketAddress(String(first.dropFirst("listening on ".count))))
    }
}
