import Testing

@testable import Scenario

/// The drain at the end of a generated scenario must give the 3002 outbox
/// time to deliver after the backend comes back, however many scripted
/// failures it still has to get through: each costs the outbox up to its
/// longest backoff. Seeds 249, 724 and 1809 leave 3002 down for half a
/// minute and then answer 500 and 503 first; a one-minute drain ended before
/// the third attempt, and the explorer reported an analysis never delivered.
@Suite struct ExplorerDrainTests {
    @Test(arguments: [UInt64(249), 724, 1809])
    func aBackendThatFailsAfterComingBackStillGetsItsAnalysis(seed: UInt64) async {
        let result = await Explorer(runner: AgentExploreRunner(), shrinkBudget: 0).explore(seed: seed)
        #expect(result.violations.isEmpty, "\(result.violations.map(\.detail))")
    }
}
