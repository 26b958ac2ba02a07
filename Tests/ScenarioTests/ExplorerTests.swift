import Foundation
import JSONValue
import Logs
import Testing

@testable import Scenario

/// The explorer's parts without the agent: the generator, scenario files
/// written back, the shrinker's step repair, each invariant check over a
/// made-up observation, and `explore`'s arguments.
@Suite("Explorer parts")
struct ExplorerTests {
    @Test func aSeedAlwaysGivesTheSameScenarioAndNeighboursDiffer() throws {
        let generator = WorkloadGenerator()
        #expect(generator.scenario(seed: 7).fileText == generator.scenario(seed: 7).fileText)
        let texts = Set((1...20).map { generator.scenario(seed: UInt64($0)).steps.map(\.json.text).joined() })
        #expect(texts.count == 20)
    }

    @Test func generatedScenariosAreValidFilesEndingInTheDrain() throws {
        for seed: UInt64 in 1...50 {
            let scenario = WorkloadGenerator().scenario(seed: seed)
            #expect(ScenarioFile.problems(in: Data(scenario.fileText.utf8)).isEmpty, "seed \(seed)")
            #expect(scenario.steps.suffix(3).allSatisfy { $0.note == WorkloadGenerator.drainNote })
            #expect(Shrinker.playable(scenario.steps).count == scenario.steps.count, "seed \(seed): a step the player cannot play")
        }
    }

    /// Every file of the library, read, written back and read again, gives the same text.
    @Test func scenarioFilesRoundTrip() throws {
        for path in try ScenarioLibraryTests.files() {
            let once = try ScenarioFile(contentsOf: path)
            let twice = try ScenarioFile(data: Data(once.fileText.utf8), path: path)
            #expect(twice.fileText == once.fileText, "\(path)")
            #expect(twice.steps.count == once.steps.count)
        }
    }

    @Test func playableDropsStepsOfClientsNotOpen() throws {
        let steps: [StepAction] = [
            .send(client: "a", payload: .json(["type": "get_status"])),  // before its connect
            .connect(ClientConnect(client: "a")),
            .send(client: "a", payload: .raw([0x81, 0x00])),  // a protocol error ends it
            .send(client: "a", payload: .json(["type": "get_status"])),
            .connect(ClientConnect(client: "b", expectRefusal: 403)),
            .close(client: "b", code: 1000, reason: ""),
            .advance(.seconds(1)),
        ]
        let kept = Shrinker.playable(steps.enumerated().map { ScenarioStep(index: $0.offset, action: $0.element) })
        #expect(kept.map(\.index) == [0, 1, 2, 3])
        #expect(kept.map { StepSummary.text($0.action) } == [1, 2, 4, 6].map { StepSummary.text(steps[$0]) })
    }

    @Test func ddminSplitsEvenly() {
        #expect(Shrinker.split(Array(1...5), into: 2) == [[1, 2, 3], [4, 5]])
        #expect(Shrinker.split([1], into: 4) == [[1]])
    }

    @Test func exploreArguments() throws {
        #expect(try ScenarioCommand.parse(["explore", "--seeds", "40", "--start", "7", "--minutes", "2", "--out", "d"])
            == .explore(ExploreOptions(seeds: 40, start: 7, minutes: 2, outDirectory: "d")))
        #expect(try ScenarioCommand.parse(["explore", "--replay", "x.json"]) == .explore(ExploreOptions(replay: "x.json")))
        #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "--seeds", "0"]) }
        #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "--minutes", "-1"]) }
        #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "--seeds", "2", "--replay", "x.json"]) }
        #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "seeds"]) }
        var jobs = ExploreOptions(seeds: 3)
        jobs.jobs = 5
        #expect(try ScenarioCommand.parse(["explore", "--seeds", "3", "--jobs", "5"]) == .explore(jobs))
        #expect(ExploreOptions().jobs == min(ProcessInfo.processInfo.activeProcessorCount, ScenarioCommand.maxJobs))
        for bad in ["0", "65", "1.5", ""] {
            #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "--jobs", bad]) }
        }
        #expect(throws: UsageError.self) { try ScenarioCommand.parse(["explore", "--jobs"]) }
    }
}
