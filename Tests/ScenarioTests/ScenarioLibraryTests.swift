import Foundation
import Testing

@testable import Scenario

/// The scenario library (scenarios/*.json) played against the real agent
/// over real sockets on virtual time, one `tello-scenario` process per
/// scenario: a process of its own keeps the runner's idle detection (which
/// asks the kernel about every socket of the process) blind to the sockets of
/// tests running alongside. `.ci/interop-scenario.sh` plays the library 20
/// times and compares transcripts; scenarios/pending/ (when present) holds bug reports that fail today.
@Suite("Scenario library against the real agent", .serialized)
struct ScenarioLibraryTests {
    static let library = SchemaConsistencyTests.repository.appendingPathComponent("scenarios").path
    /// A scenario that takes longer than this (wall time) is stopped and fails.
    static let limit: Duration = .seconds(120)

    static func files() throws -> [String] { try ScenarioLoader.files(in: [library]) }

    @Test(arguments: try files())
    func scenarioPasses(_ path: String) async throws {
        let executable = Bundle.main.bundleURL.appendingPathComponent("tello-scenario")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build tello-scenario first (swift build)")
        let (status, output) = try await Self.run(executable, ["run", path])
        #expect(status == 0, Comment(rawValue: output))
    }

    /// Runs the executable to its end or the time limit; returns its exit
    /// status and output. The blocking reads and waits happen on a thread of
    /// their own, never on the cooperative pool.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: limit)
            process.terminate()
        }
        let output = await withCheckedContinuation { (done: CheckedContinuation<Data, Never>) in
            Thread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                done.resume(returning: data)
            }.start()
        }
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal { Issue.record("\(arguments.joined(separator: " ")) stopped after \(limit)") }
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
