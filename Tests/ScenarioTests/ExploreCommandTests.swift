import Foundation
import Testing

@testable import Scenario

/// The explorer's tests that start `tello-scenario` processes, one at a time:
/// each exploration keeps a core busy, and the rest of the test run shares the machine.
@Suite("Explorer processes", .serialized)
struct ExplorerProcesses {}

/// `tello-scenario explore` as a user runs it, in a process of its own (the
/// runner's idle detection looks at every socket of its process).
extension ExplorerProcesses {
@Suite("tello-scenario explore", .serialized)
struct ExploreCommandTests {
    static var executable: URL { Bundle.main.bundleURL.appendingPathComponent("tello-scenario") }

    /// The same seeds twice print the same lines, byte for byte, except those that say `wall`.
    @Test func theSameSeedsPrintTheSameResults() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build tello-scenario first (swift build)")
        let arguments = ["explore", "--seeds", "2", "--start", "11"]
        let (firstStatus, first) = try await ScenarioLibraryTests.run(Self.executable, arguments)
        let (secondStatus, second) = try await ScenarioLibraryTests.run(Self.executable, arguments)
        #expect(firstStatus == 0, Comment(rawValue: first))
        #expect(secondStatus == firstStatus)
        func results(_ output: String) -> [String] { output.split(separator: "\n").map(String.init).filter { !$0.contains("wall") } }
        #expect(results(first) == results(second), Comment(rawValue: first + "\n---\n" + second))
        #expect(results(first).count == 3)  // a line per seed and the summary
        #expect(first.split(separator: "\n").contains { $0.hasPrefix("wall time ") && $0.contains("virtual flight seconds per wall second") })
    }

    /// A range with failing seeds that shrink (slow) between passing ones
    /// (fast), so two jobs finish them out of order: the lines, the report and
    /// the files written are those of one job, byte for byte (`wall` aside).
    @Test func twoJobsPrintWhatOneJobPrints() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build tello-scenario first (swift build)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("explore-jobs-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let planted = [ScenarioCLI.plantedBugsVariable: "router-answers-twice"]
        func explore(jobs: Int) async throws -> (Int32, [String], [String: String]) {
            try? FileManager.default.removeItem(at: out)
            let (status, output) = try await ScenarioLibraryTests.run(
                Self.executable, ["explore", "--seeds", "4", "--start", "1", "--shrink-runs", "4", "--out", out.path, "--jobs", "\(jobs)"],
                environment: planted)
            var files: [String: String] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [] {
                files[name] = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            }
            return (status, output.split(separator: "\n").map(String.init).filter { !$0.contains("wall") }, files)
        }
        let (oneStatus, one, oneFiles) = try await explore(jobs: 1)
        let (twoStatus, two, twoFiles) = try await explore(jobs: 2)
        let shown = Comment(rawValue: one.joined(separator: "\n") + "\n--- two jobs:\n" + two.joined(separator: "\n"))
        #expect(oneStatus == 1, shown)
        #expect(twoStatus == 1, shown)
        // Seeds 1 and 4 break answered-once and are shrunk; 2 and 3 pass.
        #expect(one.contains("seed 2: 9 steps, 126.9s virtual, ok"), shown)
        #expect(one.contains { $0.hasPrefix("explored 4 seeds, ") && $0.hasSuffix("(seeds 1, 4)") }, shown)
        #expect(two == one, shown)
        #expect(twoFiles == oneFiles)
        #expect(oneFiles.count == 4, "\(oneFiles.keys.sorted())")
    }

    @Test func aReplayedFileIsCheckedAndBadArgumentsAreRefused() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build tello-scenario first (swift build)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("explore-replay-\(getpid()).json")
        try Data(WorkloadGenerator().scenario(seed: 4).fileText.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try await ScenarioLibraryTests.run(Self.executable, ["explore", "--replay", file.path])
        #expect(status == 0, Comment(rawValue: output))
        #expect(output.contains("\(file.path): 0 violations"))
        let (bad, message) = try await ScenarioLibraryTests.run(Self.executable, ["explore", "--seeds", "many"])
        #expect(bad == 2)
        #expect(message.contains("--seeds needs a whole number"))
        for jobs in ["0", "65", "two", "-1"] {
            let (status, message) = try await ScenarioLibraryTests.run(Self.executable, ["explore", "--seeds", "2", "--jobs", jobs])
            #expect(status == 2, Comment(rawValue: message))
            #expect(message.contains("--jobs needs a whole number from 1 to 64, not \"\(jobs)\""), Comment(rawValue: message))
        }
    }
}
}
