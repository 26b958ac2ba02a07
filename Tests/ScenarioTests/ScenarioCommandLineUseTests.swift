import Foundation
import JSONValue
import Testing

@testable import Scenario

/// `tello-scenario` used as people use it on a command line.
@Suite("tello-scenario on a command line")
struct ScenarioCommandLineUseTests {
    @Test func aTraceFolderThatCannotBeMadeStopsTheRunBeforeItStarts() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-file-\(UUID().uuidString)").path
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("trace-one-\(UUID().uuidString).json").path
        try Data(#"{"name": "one", "steps": [{"advance": "1s"}]}"#.utf8).write(to: URL(fileURLWithPath: scenario))
        defer { for path in [file, scenario] { try? FileManager.default.removeItem(atPath: path) } }
        let played = Lines()
        let engine = ScriptedEngine { _, _ in
            played.append("played")
            return SingleRun(transcript: LibraryRunTests.transcript("x"), failure: nil, scenarioTime: .seconds(1))
        }
        let result = await ScenarioCLITests().main(["run", scenario, "--trace", file + "/traces"], engine: engine)
        #expect(result.status == 2)
        #expect(result.err.first?.hasPrefix("tello-scenario: cannot make the trace folder \(file)/traces") == true)
        #expect(played.all.isEmpty)
    }

    @Test func diffRefusesAPageWithoutTraceData() async throws {
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).html").path
        try Data("<html><body>hello</body></html>\n".utf8).write(to: URL(fileURLWithPath: page))
        defer { try? FileManager.default.removeItem(atPath: page) }
        let result = await ScenarioCLITests().main(["diff", page, page])
        #expect(result.status == 2)
        #expect(result.err == ["tello-scenario: \(page): an HTML or XML file without trace data, not a transcript"])
    }

    /// `tello-scenario run ... | head`: the reader goes away; the run still ends with its own status.
    @Test func aClosedStandardOutputIsNoCrash() async throws {
        let process = Process()
        process.executableURL = try TraceAgreementTests.tool()
        process.arguments = ["--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try pipe.fileHandleForReading.close()
        try process.run()
        try pipe.fileHandleForWriting.close()
        let ended = await withCheckedContinuation { (done: CheckedContinuation<(Process.TerminationReason, Int32), Never>) in
            Thread {
                process.waitUntilExit()
                done.resume(returning: (process.terminationReason, process.terminationStatus))
            }.start()
        }
        #expect(ended.0 == .exit)
        #expect(ended.1 == 0)
    }
}
