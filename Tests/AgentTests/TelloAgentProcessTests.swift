import Foundation
import JSONValue
import TestSupport
import Testing

/// The `tello-agent` executable itself: `--help` and bad flags (SIGTERM: `TelloAgentShutdownTests`).
@Suite struct TelloAgentProcessTests {
    private var executable: URL { Bundle.main.bundleURL.appendingPathComponent("tello-agent") }

    private func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @Test func helpExplainsEveryFlag() throws {
        let (process, out, _) = try launch(["--help"])
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        for flag in ["--host", "--port", "--drone", "--backend", "--log-level", "--log-file", "--token", "--allow-origin"] {
            #expect(text.contains(flag), "\(flag) missing from --help")
        }
    }

    @Test func badFlagsFailClearly() throws {
        let (process, _, err) = try launch(["--drone", "not a host!"])
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("--drone"))
    }
}
