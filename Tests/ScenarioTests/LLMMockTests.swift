import Bridge3002
import Bridge3002Mocks
import Clocks
import Logs
import Planner
import PlannerMocks
import PostTransport
import Testing

@testable import Scenario

/// A scenario's LLM script, loaded into Planner's LLM mock, is what the
/// agent's real LLMPlanner reads, for each provider the script may name.
@Suite("LLM scripts through the real LLMPlanner")
struct LLMScriptTests {
    static let plan = #"{"commands": [{"action": "takeoff", "parameters": {}, "description": "起飞"}]}"#

    func planner(_ script: LLMScript, _ mock: LLMMock) throws -> LLMPlanner {
        LLMPlanner(
            settings: try AISettings.fromEnvironment(script.environment(for: mock)), transport: WireHTTPPoster(time: SystemTime(), timeout: .seconds(5)),
            time: SystemTime(), logger: Logger(component: "t", sink: MemorySink()), retryDelay: .zero)
    }

    @Test(arguments: ["openai", "azure", "ollama"])
    func eachProviderReadsTheScriptedPlan(provider: String) async throws {
        let script = LLMScript(provider: provider, replies: [.content(Self.plan)])
        let mock = try LLMMock(logger: Logger(component: "t", sink: MemorySink()))
        script.load(into: mock)
        let plan = try await planner(script, mock).plan("起飞")
        await mock.shutdown()
        #expect(plan.commands.map(\.action.rawValue) == ["takeoff"])
        #expect(plan.rawResponse == Self.plan)
    }

    @Test func repliesComeInOrderThenA500() async throws {
        let script = LLMScript(replies: [.content("no plan here, sorry"), .content(Self.plan)])
        let mock = try LLMMock(logger: Logger(component: "t", sink: MemorySink()))
        script.load(into: mock)
        let planner = try planner(script, mock)
        await #expect(throws: PlanningError.self) { try await planner.plan("起飞") }
        #expect(try await planner.plan("起飞").commands.count == 1)
        await #expect(throws: PlanningError.self) { try await planner.plan("起飞") }
        await mock.shutdown()
    }

    @Test func repliesMapOneToOne() {
        let script = LLMScript(replies: [.content("a"), .content("b", delay: .seconds(2)), .status(503, body: "x"), .hang], then: .content("c"))
        let mapped = script.mockReplies
        #expect(mapped.replies == [.content("a"), .delayed(.seconds(2), "b"), .status(503, body: "x"), .hang])
        #expect(mapped.then == .content("c"))
    }
}
