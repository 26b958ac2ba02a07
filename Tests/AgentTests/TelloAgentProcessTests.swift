import Foundation
import JSONValue
import TestSupport
import Testing

/// The `tello-agent` executable itself: its banner, `--help`, and SIGTERM.
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

    @Test func sigtermLandsClosesClientsWith1001AndExitsZero() async throws {
        let (process, out, err) = try launch(["--port", "0", "--time-scale", "10", "--backend", "http://127.0.0.1:9"])
        defer { if process.isRunning { process.terminate() } }
        // Read stdout on the file handle's own dispatch queue: a blocking read must not sit on the cooperative pool.
        let output = MessageLog()
        out.fileHandleForReading.readabilityHandler = { @Sendable handle in
            let chunk = handle.availableData
            if !chunk.isEmpty { output.append(.string(String(decoding: chunk, as: UTF8.self))) }
        }
        defer { out.fileHandleForReading.readabilityHandler = nil }
        var banner = ""
        try await eventually("the startup banner", within: 20) {
            banner = output.all.compactMap(\.stringValue).joined()
            return banner.contains("simulator") || banner.contains("drone at")
        }
        let first = banner.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("listening on 127.0.0.1:"))
        let address = String(first.dropFirst("listening on ".count))
        let client = try await TestClient(url: "ws://\(address)/", headers: [:])
        _ = try await client.request("connect_drone")
        #expect(try await client.request("drone_command", ["action": "takeoff"])["success"] == true)
        kill(process.processIdentifier, SIGTERM)
        let info = try await within(20) { await client.connection.closed() }
        #expect(info.reportedCode == .goingAway)
        try await eventually("the agent to exit", within: 20) { !process.isRunning }
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("landed before exit success=true"))
        #expect(banner.contains("flying the embedded simulator"))
    }
}
