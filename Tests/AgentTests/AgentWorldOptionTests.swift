import Agent
import AgentAssembly
import Foundation
import Testing
import TestSupport

/// `--world FILE` gives the embedded simulator a room; a real drone flies in
/// the real one, so the flag is refused there rather than silently ignored.
@Suite struct AgentWorldOptionTests {
    @Test func theWorldFileIsTakenForTheEmbeddedSimulator() throws {
        guard case .run(let options) = try AgentOptions.parse(["--world", "hall.json"], environment: [:]) else {
            Issue.record("expected options to run with"); return
        }
        #expect(options.worldPath == "hall.json")
    }

    @Test func aWorldWithARealDroneIsAUsageError() {
        #expect(throws: (any Error).self) {
            try AgentOptions.parse(["--world", "hall.json", "--drone", "192.168.10.1"], environment: [:])
        }
    }

    @Test func aBadWorldFileStopsTheAgentWithExitTwoNamingTheFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString).json").path
        try Data(#"{"room": {"size": [1, 2]}, "colour": "red"}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await ExitedProcess.run("tello-agent", ["--world", path, "--port", "0"])
        #expect(run.reason == .exit && run.status == 2, "exit \(run.status): \(run.standardError)")
        #expect(run.standardError.contains(path), "\(run.standardError)")
    }
}
