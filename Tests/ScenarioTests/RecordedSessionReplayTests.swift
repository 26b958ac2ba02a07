import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Logs
import TestSupport
import Testing

@testable import Scenario

/// The loop a user runs: a session recorded by the agent (embedded simulator,
/// ten times faster than real), converted, replayed by `tello-scenario` three
/// times with identical transcripts (`.ci/interop-recording.sh` plays 20: here
/// the suite's other tests run alongside); the same scenario against an agent with
/// a planted regression fails at the step where the regression shows.
/// (`.ci/interop-recording.sh` does the same with a person's Python client,
/// and against an external tello-sim with faults.)
@Suite("Recorded session replays", .serialized)
struct RecordedSessionReplayTests {
    static func record(to path: String) async throws {
        var options = AgentOptions()
        options.port = 0
        options.backend = "http://127.0.0.1:9"
        options.stepPause = .milliseconds(200)
        options.recordPath = path
        let agent = try await TelloAgent.start(options, environment: [:], time: SystemTime(scale: 10),
                                               logger: Logger(component: "test", minimumLevel: .error, sink: MemorySink()))
        let report = try await agent.whileRunning {
            let client = try await TestClient(url: "ws://\(agent.address)/", headers: ["Origin": "http://localhost:3000"])
            for (id, request) in [
                ("1", ["type": "connect_drone"]),
                ("2", ["type": "drone_command", "data": ["action": "takeoff"]]),
                ("3", ["type": "drone_command", "data": ["action": "move_forward", "parameters": ["distance": 50]]]),
                ("4", ["type": "drone_command", "data": ["action": "get_battery"]]),
                ("5", ["type": "natural_language_command", "data": ["command": "向左飞30厘米"]]),
                ("6", ["type": "drone_command", "data": ["action": "land"]]),
            ] as [(String, JSONValue)] {
                var message = request
                message["id"] = .string(id)
                await client.send(message)
                _ = try await client.first(within: 30, "response \(id)") { $0["id"]?.stringValue == id }
            }
            await client.connection.close(code: .normalClosure, reason: "done")
            _ = await client.connection.closed()
        }.report
        #expect(report.isClean)
    }

    @Test func aRecordedSessionReplaysIdenticallyAndAPlantedRegressionFailsAtItsStep() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("session.jsonl").path
        let scenario = directory.appendingPathComponent("session.json").path
        try await Self.record(to: log)

        let converted = try await ExitedProcess.run("tello-scenario", ["from-session", log, "-o", scenario])
        #expect(converted.status == 0, "\(converted.standardError)")
        let replay = try await ExitedProcess.run("tello-scenario", ["run", scenario, "--repeat", "3"], within: 120)
        #expect(replay.status == 0, "\(replay.standardOutput)")
        #expect(replay.standardOutput.contains("PASS session  3 runs"), "\(replay.standardOutput)")

        let steps = try #require(try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: scenario)))["steps"]?.arrayValue)
        let moveStep = try #require(steps.firstIndex { $0["message"]?["action"] == "move_forward" }) + 1
        let planted = try await ExitedProcess.run("tello-scenario", ["run", scenario], within: 60,
                                                  environment: [PlantedRegression.variable: PlantedRegression.moveResponsesLoseTheirID.rawValue])
        #expect(planted.status == 1, "\(planted.standardOutput)")
        #expect(planted.standardOutput.contains("run 1, step \(moveStep) (expect c1 "), "\(planted.standardOutput)")
        #expect(planted.standardOutput.contains("at $.id"), "\(planted.standardOutput)")
    }
}
