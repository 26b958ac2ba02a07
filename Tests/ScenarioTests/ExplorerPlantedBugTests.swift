import Agent
import Foundation
import Testing

@testable import Scenario

/// The explorer proven on bugs planted on purpose (`PlantedBugs`, debug
/// builds only): each is found within a bounded number of seeds, its run is
/// shrunk to a scenario of a few steps, and that scenario, written as a file
/// and read back, still breaks the invariant with the bug and keeps it
/// without. The agent runs in this process over loopback on virtual time.
@Suite("Explorer finds planted bugs", .serialized)
struct ExplorerPlantedBugTests {
    /// Seeds tried before the bug counts as missed.
    static let seedLimit: UInt64 = 12
    /// A shrunk scenario has at most this many steps besides the drain (a lost
    /// move's reply needs six: connect, connect_drone, takeoff, the move, the fault, time).
    static let fewSteps = 10

    func findAndShrink(_ bug: PlantedBugs, breaking invariant: Invariant) async throws {
        let runner = AgentExploreRunner(sharedProcess: true, planted: bug)
        let explorer = Explorer(runner: runner, shrinkBudget: 60)
        var found: Explorer.SeedResult?
        for seed in 1...Self.seedLimit {
            let result = await explorer.explore(seed: seed)
            if result.violations.contains(where: { $0.invariant == invariant }) {
                found = result
                break
            }
        }
        let result = try #require(found, "\(invariant.rawValue) not broken within \(Self.seedLimit) seeds")
        let shrunk = try #require(result.shrunk)
        #expect(shrunk.violations.first?.invariant == invariant, "\(shrunk.violations)")
        let body = shrunk.scenario.steps.filter { $0.note != WorkloadGenerator.drainNote }
        #expect(body.count <= Self.fewSteps, Comment(rawValue: shrunk.scenario.fileText))
        #expect(body.count < WorkloadGenerator().scenario(seed: result.seed).steps.count - 3)

        // The file replays: read back, it breaks the invariant again with the bug, and not without it.
        let replayed = try ScenarioFile(data: Data(shrunk.scenario.fileText.utf8), path: "shrunk.json")
        let again = InvariantCheck.violations(await runner.observe(replayed), of: replayed)
        #expect(again.contains { $0.invariant == invariant }, Comment(rawValue: shrunk.scenario.fileText))
        let healthy = AgentExploreRunner(sharedProcess: true)
        let without = InvariantCheck.violations(await healthy.observe(replayed), of: replayed)
        #expect(!without.contains { $0.invariant == invariant }, "\(without)")
    }

    @Test func aLinkThatRetriesMovesIsFound() async throws {
        try await findAndShrink(.linkRetriesMoves, breaking: .moveSentOnce)
    }

    @Test func aRouterThatAnswersTwiceIsFound() async throws {
        try await findAndShrink(.routerAnswersTwice, breaking: .answeredOnce)
    }

    @Test func anOutboxThatDropsFailedDeliveriesIsFound() async throws {
        try await findAndShrink(.outboxDropsFailedDelivery, breaking: .analysisDelivered)
    }
}
