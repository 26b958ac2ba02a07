import Foundation
import Testing

@testable import Scenario

/// The scenario library (scenarios/*.json) played against the real agent.
/// In memory, in this process: each run has its own executor, clock and
/// memory network, so runs share the process with each other and with the
/// tests alongside, and idle is known rather than inferred. Each scenario is
/// played twice and its transcripts must match. Live (real sockets), the
/// whole library runs once in one `tello-scenario --live` process (live idle
/// detection asks the kernel about every socket of its process, so it must
/// not see the tests' sockets) and every transcript must equal the in-memory
/// one. `.ci/interop-scenario.sh` plays the library 20 times; scenarios/pending/
/// (when present) holds bug reports that fail today. Serialized: one
/// scenario at a time keeps the library from starving timed tests alongside.
@Suite("Scenario library against the real agent", .serialized)
struct ScenarioLibraryTests {
    static let library = SchemaConsistencyTests.repository.appendingPathComponent("scenarios").path
    /// A live library run that takes longer than this (wall time) is stopped and fails.
    static let limit: Duration = .seconds(300)

    static func files() throws -> [String] { try ScenarioLoader.files(in: [library]) }

    /// Plays `scenario` in memory `repeats` times (identical transcripts required).
    static func inMemory(_ path: String, repeats: Int = 2) async throws -> ScenarioOutcome {
        let scenarios = try ScenarioLoader.load([path], filter: nil)
        let outcomes = await LibraryRun(engine: AgentEngine(), repeats: repeats, output: { _ in }).run(scenarios)
        return try #require(outcomes.first)
    }

    @Test(arguments: try files())
    func scenarioPassesInMemory(_ path: String) async throws {
        let outcome = try await Self.inMemory(path)
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    @Test func everyTranscriptLiveEqualsTheInMemoryOne() async throws {
        let executable = Bundle.main.bundleURL.appendingPathComponent("tello-scenario")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build tello-scenario first (swift build)")
        let (status, output) = try await Self.run(executable, ["run", Self.library, "--live", "--verbose"])
        #expect(status == 0, Comment(rawValue: output))
        for path in try Self.files() {
            let outcome = try await Self.inMemory(path, repeats: 1)
            let marker = "--- transcript of \(outcome.name)\n"
            guard let start = output.range(of: marker) else {
                Issue.record("no live transcript of \(outcome.name)")
                continue
            }
            let live = output[start.upperBound...].prefix(outcome.transcript.text.count)
            #expect(String(live) == outcome.transcript.text, "\(outcome.name): live and in-memory transcripts differ")
        }
    }

    /// Runs the executable to its end or the time limit; returns its exit
    /// status and output. The blocking reads and waits happen on a thread of
    /// their own, never on the cooperative pool. `environment` is added to this
    /// process's, less the planted-bugs switch (set only when a test names it).
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited[ScenarioCLI.plantedBugsVariable] = nil
        process.environment = inherited.merging(environment) { $1 }
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
