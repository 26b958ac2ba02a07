import Agent
import AgentAssembly
import Foundation
import TelloSim
import Testing
import TestSupport

/// `--sim-video render|clip|off|FILE` picks what the embedded simulator streams; a real
/// drone sends its own camera, so the flag is refused there.
@Suite struct AgentSimVideoOptionTests {
    @Test func theChoiceReachesTheOptionsAndRenderIsTheDefault() throws {
        guard case .run(let defaults) = try AgentOptions.parse([], environment: [:]),
              case .run(let clip) = try AgentOptions.parse(["--sim-video", "clip"], environment: [:]),
              case .run(let file) = try AgentOptions.parse(["--sim-video", "flight.h264"], environment: [:]) else {
            Issue.record("expected options to run with"); return
        }
        #expect(defaults.simulatorVideo == .render && clip.simulatorVideo == .clip && file.simulatorVideo == .file("flight.h264"))
    }

    @Test func simVideoWithARealDroneIsAUsageError() {
        let error = #expect(throws: AgentOptions.Invalid.self) {
            try AgentOptions.parse(["--sim-video", "off", "--drone", "192.168.10.1"], environment: [:])
        }
        #expect(error?.message == "--sim-video only applies to the embedded simulator; a real drone sends its own camera")
    }

    @Test func anUnreadableVideoFileStopsTheAgentWithExitTwoNamingTheFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("video-\(UUID().uuidString).h264").path
        let run = try await ExitedProcess.run("tello-agent", ["--sim-video", path, "--port", "0"])
        #expect(run.reason == .exit && run.status == 2, "exit \(run.status): \(run.standardError)")
        #expect(run.standardError.contains("--sim-video") && run.standardError.contains(path), "\(run.standardError)")
    }
}
