import Foundation
import PostTransport
import TestSupport
import Testing

@testable import Bridge3002

/// The standalone mock as users run it: a real process, its "listening on"
/// line, a real POST, and a clean exit on SIGINT.
@Suite struct BridgeMocksExecutableTests {
    static var executable: URL { Bundle.main.bundleURL.appendingPathComponent("bridge-mocks") }

    /// Reads stdout until the "listening on 127.0.0.1:PORT" line, on a
    /// dispatch thread (reads block; the cooperative pool must not). If the
    /// line has not come within `timeout`, the process is terminated, which
    /// ends the read with nil.
    static func listeningPort(_ process: Process, _ pipe: Pipe, timeout: Double = 10) async -> UInt16? {
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { @Sendable in
            if process.isRunning { process.terminate() }
        }
        let handle = pipe.fileHandleForReading
        // Bounded even when the pipe never reaches its end: a child spawned alongside by
        // another test may have inherited its write end, and then the reader never returns.
        return try? await within(timeout + 5, "the listening line") {
            await Self.readListeningPort(handle)
        }
    }

    private static func readListeningPort(_ handle: FileHandle) async -> UInt16? {
        await withCheckedContinuation { (continuation: CheckedContinuation<UInt16?, Never>) in
            DispatchQueue.global().async { @Sendable in
                var text = ""
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return continuation.resume(returning: nil) }
                    text += String(decoding: chunk, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on 127.0.0.1:") }) {
                        return continuation.resume(returning: UInt16(line.dropFirst("listening on 127.0.0.1:".count)))
                    }
                }
            }
        }
    }

    @Test func backendMockServesAndStopsOnSIGINT() async throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["backend3002", "--port", "0", "--status", "201", "--log-level", "warning"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(await Self.listeningPort(process, out))
        let outcome = await WireHTTPPoster().post(
            to: URL(string: "http://127.0.0.1:\(port)/api/ai-analysis")!, headers: ["Idempotency-Key": "x"], body: Data("{}".utf8))
        guard case .response(201, _) = outcome else {
            Issue.record("expected 201 from the mock, got \(outcome)")
            return
        }
        kill(process.processIdentifier, SIGINT)
        do {
            try await eventually("the mock to exit on SIGINT") { !process.isRunning }
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
        #expect(process.terminationStatus == 0)
    }

    @Test func helpDescribesBothMocks() async throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        try await eventually("--help to exit") { !process.isRunning }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && text.contains("backend3002") && text.contains("llm"))
    }
}
