import Foundation
import TelloSim
import Testing
import TestSupport

@Suite("tello-sim --world")
struct WorldCommandLineTests {
    @Test func theFlagIsRead() throws {
        #expect(try SimulatorCommandLine(arguments: ["--world", "hall.json"]).worldPath == "hall.json")
        #expect(try SimulatorCommandLine(arguments: ["--world=hall.json"]).worldPath == "hall.json")
        #expect(try SimulatorCommandLine(arguments: []).worldPath == nil)
        #expect(throws: CommandLineError.self) { try SimulatorCommandLine(arguments: ["--world"]) }
    }

    @Test func aBadWorldFileIsRefusedBeforeAnythingBinds() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-world-\(UUID().uuidString).json")
        try Data(#"{"room": {"minX": 0, "maxX": 500, "minY": 0, "maxY": 500, "height": 300, "heigth": 3}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try await ExitedProcess.run("tello-sim", ["--world", url.path, "--command-port", "0"])
        #expect(run.reason == .exit && run.status == 2)
        #expect(run.standardError.contains(url.path) && run.standardError.contains("$.room")
                && run.standardError.contains("\"heigth\""))
        #expect(!run.standardOutput.contains("listening on"))
    }
}
