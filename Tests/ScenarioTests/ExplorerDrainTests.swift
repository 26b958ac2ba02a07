import Bridge3002
import Testing

@testable import Scenario

/// The drain that ends every generated scenario is long enough for what the
/// 3002 script can still do to the outbox once 3002 is back up.
@Suite("Explorer's drain")
struct ExplorerDrainTests {
    @Test func eachFailingScriptedAnswerAddsTheOutboxsLongestBackoff() {
        let script = BackendScript(responses: [
            .reply(status: 200), .reply(status: 200, delay: .seconds(2)), .reply(status: 503), .close, .hang,
            .reply(status: 200, delay: .seconds(6)),
        ])
        let backoff = AgentSetup().outboxBackoff
        #expect(backoff.maximum == .seconds(30))
        #expect(WorkloadGenerator.drainTime(after: BackendScript(), backoff: backoff) == WorkloadGenerator.drainTime)
        #expect(WorkloadGenerator.drainTime(after: script, backoff: backoff) == WorkloadGenerator.drainTime + .seconds(4 * 30))
        let slower = Outbox.Backoff(initial: .seconds(1), maximum: .seconds(45))
        #expect(WorkloadGenerator.drainTime(after: script, backoff: slower) == WorkloadGenerator.drainTime + .seconds(4 * 45))
    }

    /// Seeds whose analysis the outbox was still rightly retrying when a
    /// one-minute drain ended (3002 back up, then 503 or a close and three
    /// 500s, the backoff at its 30 s cap): the analysis is delivered.
    @Test(arguments: [249, 724, 1809] as [UInt64])
    func anAnalysisRetriedPastAMinuteIsDelivered(_ seed: UInt64) async {
        let scenario = WorkloadGenerator().scenario(seed: seed)
        let observation = await AgentExploreRunner().observe(scenario)
        let violations = InvariantCheck.violations(observation, of: scenario)
        #expect(violations.isEmpty, Comment(rawValue: violations.map(\.detail).joined(separator: "\n")))
    }

    /// Seeds whose client queued drone commands behind an order whose model
    /// answered after the planner's deadline: the order held the queue for
    /// that deadline, and the answers behind it came after a one-minute
    /// drain. Each order in the workload makes the drain that much longer.
    @Test(arguments: [3170, 3528] as [UInt64])
    func commandsQueuedBehindAnOrderThatTimedOutAreAnswered(_ seed: UInt64) async {
        let scenario = WorkloadGenerator().scenario(seed: seed)
        let observation = await AgentExploreRunner().observe(scenario)
        let violations = InvariantCheck.violations(observation, of: scenario)
        #expect(violations.isEmpty, Comment(rawValue: violations.map(\.detail).joined(separator: "\n")))
    }
}
