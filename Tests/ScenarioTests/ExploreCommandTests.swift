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
    }
}
}
