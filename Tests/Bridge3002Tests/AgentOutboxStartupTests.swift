import Foundation
import TestSupport
import Testing

/// `tello-agent` as an operator starts it, with a damaged `--outbox` file:
/// it must stop with exit status 2 and a message naming the file, and
/// leave the file as it was.
@Suite struct AgentOutboxStartupTests {
    static var executable: URL { Bundle.main.bundleURL.appendingPathComponent("tello-agent") }

    @Test func aDamagedOutboxFileStopsTheAgentWithStatus2AndSaysWhy() async throws {
        let path = temporaryPath("outbox.json")
        let errors = temporaryPath("stderr.txt")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: errors)
        }
        let damaged = "{\"version\":1,\"entries\":[{\"idempotency_key\":\"k\",\"body\":{}"
        try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))
        #expect(FileManager.default.createFile(atPath: errors, contents: nil))
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--port", "0", "--host", "127.0.0.1", "--outbox", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        do {
            try await eventually("tello-agent to exit", within: 30) { !process.isRunning }
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
        let text = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(process.terminationReason == .exit && process.terminationStatus == 2, "stderr: \(text)")
        #expect(text.contains("tello-agent: cannot use the outbox file \(path): not valid JSON: unexpected end of file"))
        #expect(text.contains("mv \(path) \(path).bad"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == damaged)
    }
}
