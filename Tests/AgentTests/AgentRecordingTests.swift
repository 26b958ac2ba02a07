import Agent
import AgentAssembly
import Clocks
import FlightRecord
import Foundation
import JSONValue
import Logs
import TestSupport
import Testing

/// `tello-agent --record`: a session against the embedded simulator, read back
/// from the file. Each edge is there (clients, drone, 3002), in order, and no secret.
@Suite struct AgentRecordingTests {
    @Test func aSessionIsRecordedFromTheFirstMessageToTheLastCloseWithoutItsSecrets() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("agent-record-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = AgentOptions()
        options.port = 0
        options.backend = "http://127.0.0.1:9"
        options.token = "tok-en-secret"
        options.stepPause = .zero
        options.recordPath = path
        // Broadcasts every 5 ms of wall time: one is on its way as the client closes, so the close is raced.
        options.statusInterval = .milliseconds(50)
        let agent = try await TelloAgent.start(options, environment: ["OPENAI_API_KEY": "sk-env-secret"], time: SystemTime(scale: 10),
                                               logger: Logger(component: "test", minimumLevel: .warning, sink: MemorySink()))
        let report = try await agent.whileRunning {
            await #expect(throws: (any Error).self) {
                _ = try await TestClient(url: "ws://\(agent.address)/?token=tok-en-secret", headers: ["Origin": "http://elsewhere.example"])
            }
            let client = try await TestClient(url: "ws://\(agent.address)/?token=tok-en-secret", headers: [:])
            let connected = try await client.request("connect_drone", id: "1")
            #expect(connected["success"] == true)
            await client.send(["type": "update_ai_settings", "id": "2", "data": ["provider": "openai", "api_key": "sk-client-secret"]])
            _ = try await client.first(type: "update_ai_settings_response")
            await client.connection.close(code: .normalClosure, reason: "done")
            _ = await client.connection.closed()
        }.report
        #expect(report.isClean)

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in ["tok-en-secret", "sk-env-secret", "sk-client-secret"] { #expect(!text.contains(secret), "\(secret) recorded") }
        let log = try RecordLog(paths: [path])
        #expect(log.drone == "embedded")
        #expect(log.options["token_required"] == true)
        let refused = try #require(log.events.first { $0.kind == "ws_refused" })
        #expect(refused.int("status") == 403)
        #expect(refused.string("origin") == "http://elsewhere.example")
        let mine = log.events.filter { $0.string("client") == "c1" }
        #expect(mine.first?.kind == "ws_open")
        #expect(mine.first?.string("path") == "/?token=<redacted>")
        #expect(mine.dropFirst().first?.kind == "ws_out")
        #expect(mine.dropFirst().first?.string("text")?.contains("connection_established") == true)
        #expect(mine.last?.kind == "ws_close")
        #expect(mine.last?.int("code") == 1000)
        #expect(mine.last?.string("initiator") == "client")
        // The drone's side of connect_drone lies between the request and its response.
        let kinds = log.events.map(\.kind)
        let request = try #require(log.events.firstIndex { $0.kind == "ws_in" && $0.string("text")?.contains("connect_drone") == true })
        let response = try #require(log.events.firstIndex { $0.kind == "ws_out" && $0.string("text")?.contains("connect_drone_response") == true })
        let command = try #require(log.events.firstIndex { $0.kind == "drone_out" && $0.string("text") == "command" })
        #expect(request < command && command < response)
        #expect(log.events[(command + 1)...].contains { $0.kind == "drone_in" })
        #expect(kinds.contains("drone_state"))
        #expect(zip(log.events, log.events.dropFirst()).allSatisfy { $0.t <= $1.t })
    }
}
