import Clocks
import Foundation
import JSONValue
import Logs
import PlannerMocks
import PostTransport
import PostTransportMocks
import TestSupport
import Testing

@testable import Planner

/// Provider replies as each format wraps the model's text.
enum ModelReply {
    static let planText = #"```json\n{"commands":[{"action":"takeoff","parameters":{},"description":"起飞"},{"action":"land","parameters":{},"description":"降落"}]}\n```"#

    static func ok(_ format: LLMRequest.Format, _ text: String = planText) -> ScriptedPoster.Reply {
        .outcome(.response(status: 200, body: LLMMock.wrap(text, in: format).encoded()))
    }

    static func status(_ code: Int, _ body: String = "") -> ScriptedPoster.Reply {
        .outcome(.response(status: code, body: Data(body.utf8)))
    }
}

@Suite struct LLMPlannerTests {
    static let settings: [AIProvider: AISettings] = [
        .openai: AISettings(provider: .openai, model: "m", baseURL: "http://127.0.0.1:9/v1", apiKey: "sk-test", deployment: nil),
        .azure: AISettings(provider: .azure, model: "d", baseURL: "http://127.0.0.1:9", apiKey: "az-test", deployment: "d"),
        .ollama: AISettings(provider: .ollama, model: "q", baseURL: "http://127.0.0.1:9", apiKey: nil, deployment: nil),
    ]

    func planner(_ provider: AIProvider, _ poster: ScriptedPoster, _ time: VirtualTime, sink: MemorySink = MemorySink()) -> LLMPlanner {
        LLMPlanner(settings: Self.settings[provider]!, transport: poster, time: time, logger: Logger(component: "planner", minimumLevel: .trace, sink: sink))
    }

    @Test(arguments: [(AIProvider.openai, LLMRequest.Format.openAIChat), (.azure, .azureChat), (.ollama, .ollamaChat)])
    func plansThroughEachProvider(_ provider: AIProvider, _ format: LLMRequest.Format) async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([ModelReply.ok(format)], time: time)
        let sink = MemorySink()
        let plan = try await planner(provider, poster, time, sink: sink).plan("起飞然后降落")
        #expect(plan.commands.map(Step.init) == [takeoff, land])
        #expect(plan.rawResponse == ModelReply.planText)
        #expect(poster.calls.count == 1)
        #expect(poster.calls[0].body["messages"]?.arrayValue?.last?["content"] == "起飞然后降落")
        #expect(!sink.lines.joined().contains("sk-test") && !sink.lines.joined().contains("az-test"))
    }

    @Test func ollamaFallsBackToGenerateWhenChatIsMissing() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([ModelReply.status(404, "404 page not found"), ModelReply.ok(.ollamaGenerate)], time: time)
        let plan = try await planner(.ollama, poster, time).plan("起飞然后降落")
        #expect(plan.commands.count == 2)
        #expect(poster.calls.map(\.url.path) == ["/api/chat", "/api/generate"])
    }

    @Test func serverErrorIsRetriedOnceThenOllamaFallsBack() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([ModelReply.status(500), ModelReply.status(503), ModelReply.ok(.ollamaGenerate)], time: time)
        let task = Task { try await planner(.ollama, poster, time).plan("起飞然后降落") }
        try await eventually("the retry delay") { time.nextDeadline == .milliseconds(500) && poster.calls.count == 1 }
        time.advance(to: .milliseconds(500))
        let plan = try await task.value
        #expect(plan.commands.count == 2)
        #expect(poster.calls.map(\.url.path) == ["/api/chat", "/api/chat", "/api/generate"])
    }

    @Test func openAIRetriesOnceAfterA429() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([ModelReply.status(429, #"{"error":{"message":"slow down"}}"#), ModelReply.ok(.openAIChat)], time: time)
        let task = Task { try await planner(.openai, poster, time).plan("x") }
        try await eventually("the retry delay") { time.nextDeadline == .milliseconds(500) }
        time.advance(to: .milliseconds(500))
        #expect(try await task.value.commands.count == 2)
    }

    @Test(arguments: [
        (ScriptedPoster.Reply.outcome(.refused), "请确认服务已启动"),
        (ModelReply.status(401, #"{"error":{"message":"Incorrect API key"}}"#), "HTTP 401: Incorrect API key"),
        (ModelReply.ok(.openAIChat, "Sorry, I can't do that."), "没有找到JSON"),
        (ModelReply.ok(.openAIChat, #"{"commands":[{"action":"barrel_roll"}]}"#), "未知：barrel_roll"),
        (ModelReply.status(200, "<<garbage>>"), "不是JSON"),
    ])
    func failuresAreClearErrors(_ reply: ScriptedPoster.Reply, _ reason: String) async {
        let time = VirtualTime()
        let poster = ScriptedPoster([reply], time: time)
        do {
            _ = try await planner(.openai, poster, time).plan("x")
            Issue.record("expected a planning error containing \(reason)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
        #expect(poster.calls.count == 1)
    }

    @Test func aModelThatNeverAnswersIsCutAtTheDeadline() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.hang], time: time)
        let task = Task { try await planner(.openai, poster, time).plan("x") }
        try await eventually("the deadline timer") { time.nextDeadline == .seconds(30) }
        time.advance(to: .seconds(30))
        await #expect(throws: PlanningError("模型在30秒内没有回复")) { try await task.value }
    }

    @Test func offlineSettingsUseTheRules() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([], time: time)
        let planner = LLMPlanner(settings: .offline, transport: poster, time: time)
        #expect(try await planner.plan("起飞").commands.map(Step.init) == [takeoff])
        #expect(poster.calls.isEmpty)
        #expect(AISettings.offline.makePlanner(transport: poster, time: time) is OfflinePlanner)
        #expect(Self.settings[.ollama]!.makePlanner(transport: poster, time: time) is LLMPlanner)
    }
}
