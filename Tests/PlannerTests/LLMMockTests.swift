import Clocks
import Foundation
import JSONValue
import Logs
import PlannerMocks
import PostTransport
import TestSupport
import Testing

@testable import Planner

/// Every provider against the LLM mock over real loopback sockets.
@Suite struct LLMMockTests {
    static func settings(_ provider: AIProvider, _ mock: LLMMock) -> AISettings {
        switch provider {
        case .openai: AISettings(provider: .openai, model: "m", baseURL: mock.baseURL + "/v1", apiKey: "sk-mock", deployment: nil)
        case .azure: AISettings(provider: .azure, model: "dep", baseURL: mock.baseURL, apiKey: "az-mock", deployment: "dep")
        case .ollama: AISettings(provider: .ollama, model: "q", baseURL: mock.baseURL, apiKey: nil, deployment: nil)
        case .offline: .offline
        }
    }

    static let planJSON = #"{"commands":[{"action":"takeoff","parameters":{},"description":"起飞"},{"action":"move_up","parameters":{"distance":"50"},"description":"上升"}]}"#

    @Test(arguments: [
        (AIProvider.openai, "/v1/chat/completions"), (.azure, "/openai/deployments/dep/chat/completions"), (.ollama, "/api/chat"),
    ])
    func eachProviderFormatOverSockets(_ provider: AIProvider, _ path: String) async throws {
        let mock = try LLMMock()
        mock.script([.content("```json\n\(Self.planJSON)\n```")])
        let plan = try await LLMPlanner(settings: Self.settings(provider, mock)).plan("起飞然后上升50厘米")
        #expect(plan.commands.map(Step.init) == [takeoff, up(50)])
        let request = try #require(mock.requests.first)
        #expect(request.path == path && request.order == "起飞然后上升50厘米")
        switch provider {
        case .openai: #expect(request.headers["authorization"] == "Bearer sk-mock")
        case .azure: #expect(request.headers["api-key"] == "az-mock")
        default: #expect(request.headers["authorization"] == nil)
        }
        await mock.shutdown()
    }

    @Test(arguments: [
        ("bare", planJSON),
        ("fenced", "```json\n\(planJSON)\n```"),
        ("prose", "好的，这是解析结果：\(planJSON) 请注意安全。"),
    ])
    func eachExtractionCaseOverSockets(_ name: String, _ text: String) async throws {
        let mock = try LLMMock()
        mock.script([.content(text)])
        let plan = try await LLMPlanner(settings: Self.settings(.ollama, mock)).plan("x")
        #expect(plan.commands.map(Step.init) == [takeoff, up(50)], "\(name)")
        #expect(plan.rawResponse == text)
        await mock.shutdown()
    }

    @Test func oldOllamaWithoutChatFallsBackToGenerate() async throws {
        let mock = try LLMMock()
        mock.script([.status(404, body: "404 page not found")])
        let plan = try await LLMPlanner(settings: Self.settings(.ollama, mock)).plan("起飞")
        #expect(plan.commands.map(Step.init) == [takeoff])  // the mock's default: the offline plan of the order
        #expect(mock.requests.map(\.path) == ["/api/chat", "/api/generate"])
        #expect(mock.requests.last?.order == "起飞")
        await mock.shutdown()
    }

    @Test(arguments: [
        (LLMMock.Reply.raw("<html>Bad Gateway</html>"), "不是JSON"),
        (.raw(#"{"choices":[{"message":{"content":"{\"commands\":[{\"action\":\"take"#), "不是JSON"),
        (.content("I am sorry, I cannot fly drones."), "没有找到JSON"),
        (.status(401, body: #"{"error":{"message":"invalid api key"}}"#), "HTTP 401: invalid api key"),
        (.content(#"{"commands":[{"action":"self_destruct"}]}"#), "未知：self_destruct"),
    ])
    func garbageAndErrorsAreClearErrors(_ reply: LLMMock.Reply, _ reason: String) async throws {
        let mock = try LLMMock()
        mock.script([reply])
        do {
            let plan = try await LLMPlanner(settings: Self.settings(.openai, mock)).plan("x")
            Issue.record("planned \(plan.commands) from \(reply)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
        await mock.shutdown()
    }

    @Test func slowModelIsCutAtTheDeadline() async throws {
        let time = VirtualTime()
        let mock = try LLMMock(time: time)
        mock.script([.delayed(.seconds(40), Self.planJSON)])
        let settings = Self.settings(.openai, mock)
        let task = Task { try await LLMPlanner(settings: settings, transport: WireHTTPPoster(), time: time).plan("x") }
        try await eventually("the request and the deadline") { mock.requests.count == 1 && time.nextDeadline == .seconds(30) }
        time.advance(to: .seconds(30))
        await #expect(throws: PlanningError("模型在30秒内没有回复")) { try await task.value }
        await mock.shutdown()
    }

    @Test func urlSessionTransportAgainstTheMock() async throws {
        let mock = try LLMMock()
        mock.script([.content(Self.planJSON)])
        let plan = try await LLMPlanner(settings: Self.settings(.openai, mock), transport: URLSessionPoster()).plan("x")
        #expect(plan.commands.count == 2)
        await mock.shutdown()
        // Nobody listens there any more: URLSession's refusal maps to the clear "not running" error.
        await #expect { try await LLMPlanner(settings: Self.settings(.openai, mock), transport: URLSessionPoster()).plan("x") } throws: {
            ($0 as? PlanningError)?.message.contains("请确认服务已启动") == true
        }
    }
}
