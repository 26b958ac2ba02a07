import Foundation
import Testing

@testable import Scenario

/// The explorer proven on bugs planted on purpose (`PlantedBugs`, debug
/// builds only, switched on by a test-only environment variable): each is
/// found within a bounded number of seeds, its run is shrunk to a scenario of
/// a few steps, and that file, replayed, still breaks the invariant with the
/// bug and not without it. Each exploration runs in a `tello-scenario`
/// process of its own, like the library: the runner's idle detection looks at
/// every thread and socket of its process.
extension ExplorerProcesses {
@Suite("Explorer finds planted bugs", .serialized)
struct ExplorerPlantedBugTests {
    /// Seeds tried before the bug counts as missed.
    static let seedLimit = 20
    /// A shrunk scenario has at most this many steps besides the drain (a lost
    /// move's reply needs six: connect, connect_drone, takeoff, the move, the fault, time).
    static let fewSteps = 10

    func findAndShrink(_ bug: String, breaking invariant: Invariant, seeds: Int = seedLimit) async throws {
        let executable = ExplorerProcesses.ExploreCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build tello-scenario first (swift build)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(bug)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let planted = [ScenarioCLI.plantedBugsVariable: bug]
        let (status, output) = try await Self.run(
            executable, ["explore", "--seeds", "\(seeds)", "--first", "--shrink-runs", "40", "--out", out.path], environment: planted)
        #expect(status == 1, Comment(rawValue: output))
        #expect(output.contains("  \(invariant.rawValue): "), Comment(rawValue: output))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix("-\(invariant.rawValue).json") }
        let file = try #require(files.first.map { out.appendingPathComponent($0).path }, Comment(rawValue: output))
        let shrunk = try ScenarioFile(contentsOf: file)
        let body = shrunk.steps.filter { $0.note != WorkloadGenerator.drainNote }
        #expect(body.count <= Self.fewSteps, Comment(rawValue: shrunk.fileText))
        #expect(body.count < WorkloadGenerator().scenario(seed: shrunk.seed).steps.count - 3, Comment(rawValue: shrunk.fileText))

        // The file replays: it breaks the invariant again with the bug, and not without it.
        let (again, withBug) = try await Self.run(executable, ["explore", "--replay", file], environment: planted)
        #expect(again == 1)
        #expect(withBug.contains("\(invariant.rawValue): "), Comment(rawValue: withBug))
        let (healthy, without) = try await Self.run(executable, ["explore", "--replay", file], environment: [:])
        #expect(healthy == 0, Comment(rawValue: without))
    }

    @Test func aLinkThatRetriesMovesIsFound() async throws {
        try await findAndShrink("link-retries-moves", breaking: .moveSentOnce)
    }

    @Test func aRouterThatAnswersTwiceIsFound() async throws {
        try await findAndShrink("router-answers-twice", breaking: .answeredOnce)
    }

    @Test func anOutboxThatDropsFailedDeliveriesIsFound() async throws {
        try await findAndShrink("outbox-drops-failed-delivery", breaking: .analysisDelivered)
    }

    /// A client that stops reading, its send queue without a bound: the
    /// keepalive still closes it in the end, but `bounded` reads the queue
    /// grown far past its bound meanwhile.
    @Test func aSendQueueWithoutABoundIsFound() async throws {
        try await findAndShrink("send-queue-unbounded", breaking: .bounded, seeds: 40)
    }

    @Test func anUnknownPlantedBugIsRefused() async throws {
        let (status, output) = try await Self.run(
            ExplorerProcesses.ExploreCommandTests.executable, ["explore", "--seeds", "1"], environment: [ScenarioCLI.plantedBugsVariable: "gremlins"])
        #expect(status == 2)
        #expect(output.contains("unknown bug \"gremlins\""))
    }

    /// Runs the executable to its end or the time limit, with `environment`
    /// added to this process's; returns its exit status and output. The
    /// blocking reads and waits happen on a thread of their own.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) async throws -> (Int32, String) {
        try await ScenarioLibraryTests.run(executable, arguments, environment: environment)
    }
}
}
