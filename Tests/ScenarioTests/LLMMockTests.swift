import Bridge3002
import Clocks
import Logs
import Planner
import Testing

@testable import Scenario

/// The LLM mock speaks each provider's envelope well enough for the real
/// LLMPlanner (the agent's own provider code) to read plans from it.
@Suite("LLM mock against the real LLMPlanner")
struct LLMMockTests {
    static let plan = #"{"commands": [{"action": "takeoff", "parameters": {}, "description": "起飞"}]}"#

    func planner(_ provider: AIProvider, _ mock: LLMMock) -> LLMPlanner {
        let settings = AISettings(
            provider: provider, model: "scripted", baseURL: mock.baseURL, apiKey: "k", deployment: provider == .azure ? "d" : nil)
        return LLMPlanner(settings: settings, transport: WireHTTPPoster(time: SystemTime(), timeout: .seconds(5)), time: SystemTime(), logger: Logger(component: "t", sink: MemorySink()))
    }

    @Test(arguments: [AIProvider.openai, .azure, .ollama])
    func eachProviderReadsTheScriptedPlan(provider: AIProvider) async throws {
        let mock = try LLMMock(script: LLMScript(replies: [.content(Self.plan)]), time: SystemTime(), logger: Logger(component: "t", sink: MemorySink()))
        defer { Task { await mock.shutdown() } }
        let plan = try await planner(provider, mock).plan("起飞")
        #expect(plan.commands.map(\.action) == ["takeoff"])
        #expect(plan.rawResponse == Self.plan)
        #expect(mock.requests.count == 1)
    }

    @Test func repliesComeInOrderThenTheFallback() async throws {
        let script = LLMScript(replies: [.content("no plan here, sorry"), .content(Self.plan)], then: .status(503, body: "down"))
        let mock = try LLMMock(script: script, time: SystemTime(), logger: Logger(component: "t", sink: MemorySink()))
        defer { Task { await mock.shutdown() } }
        let planner = planner(.openai, mock)
        await #expect(throws: PlanningError.self) { try await planner.plan("起飞") }
        #expect(try await planner.plan("起飞").commands.count == 1)
        await #expect(throws: PlanningError.self) { try await planner.plan("起飞") }
        #expect(mock.requests.allSatisfy { $0.hasSuffix("/chat/completions") })
    }

    @Test func envelopesFollowThePath() {
        #expect(LLMMock.envelope("t", path: "/api/generate", model: "m")["response"] == "t")
        #expect(LLMMock.envelope("t", path: "/api/chat", model: "m")["message"]?["content"] == "t")
        #expect(LLMMock.envelope("t", path: "/v1/chat/completions", model: "m")["choices"]?.arrayValue?.first?["message"]?["content"] == "t")
    }
}
