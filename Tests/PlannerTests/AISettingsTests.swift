import Foundation
import JSONValue
import DroneVocabulary
import Testing

@testable import Planner

@Suite struct AISettingsTests {
    @Test func offlineWhenNothingIsSet() throws {
        #expect(try AISettings.fromEnvironment([:]) == .offline)
        #expect(try AISettings.fromEnvironment(["AI_PROVIDER": ""]) == .offline)
    }

    @Test func readsTheOriginalsVariables() throws {
        let ollama = try AISettings.fromEnvironment(["AI_PROVIDER": "ollama", "OLLAMA_BASE_URL": "http://127.0.0.1:1", "OLLAMA_MODEL": "llama3"])
        #expect(ollama.provider == .ollama && ollama.baseURL == "http://127.0.0.1:1" && ollama.model == "llama3")
        let openai = try AISettings.fromEnvironment(["AI_PROVIDER": "openai", "OPENAI_API_KEY": "sk-secret"])
        #expect(openai.baseURL == AISettings.defaultOpenAIBase && openai.model == AISettings.defaultOpenAIModel && openai.apiKey == "sk-secret")
        let azure = try AISettings.fromEnvironment([
            "AI_PROVIDER": "azure_openai", "AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com", "AZURE_OPENAI_KEY": "az-secret",
            "AZURE_OPENAI_DEPLOYMENT": "gpt4o",
        ])
        #expect(azure.provider == .azure && azure.deployment == "gpt4o" && azure.model == "gpt4o" && azure.apiKey == "az-secret")
    }

    @Test(arguments: [
        (["AI_PROVIDER": "claude"], "未知的AI提供方：claude"),
        (["AI_PROVIDER": "azure", "AZURE_OPENAI_KEY": "k", "AZURE_OPENAI_DEPLOYMENT": "d"], "AZURE_OPENAI_ENDPOINT"),
        (["AI_PROVIDER": "azure", "AZURE_OPENAI_ENDPOINT": "https://r", "AZURE_OPENAI_DEPLOYMENT": "d"], "AZURE_OPENAI_KEY"),
        (["AI_PROVIDER": "ollama", "OLLAMA_BASE_URL": "localhost:11434"], "地址无效"),
    ])
    func refusesUnusableSettings(_ env: [String: String], _ reason: String) {
        #expect { try AISettings.fromEnvironment(env) } throws: { ($0 as? PlanningError)?.message.contains(reason) == true }
    }

    @Test func updateSwitchesProviderKeepingTheEnvironmentKeyWithItsEndpoint() throws {
        let env = ["OPENAI_API_KEY": "sk-env"]
        let next = try AISettings.offline.updated(with: ["ai_provider": "openai", "model": "gpt-4o"], environment: env)
        #expect(next.provider == .openai && next.model == "gpt-4o" && next.baseURL == AISettings.defaultOpenAIBase && next.apiKey == "sk-env")
        let moved = try next.updated(with: ["base_url": "http://127.0.0.1:9/v1"], environment: env)
        #expect(moved.baseURL == "http://127.0.0.1:9/v1" && moved.apiKey == nil, "the environment's key stays with its endpoint")
        let keyed = try moved.updated(with: ["api_key": "sk-new"], environment: env)
        #expect(keyed.apiKey == "sk-new" && keyed.model == "gpt-4o")
        let azure = try next.updated(with: ["provider": "azure", "azure_endpoint": "https://r", "api_key": "k", "deployment": "dep"],
                                     environment: [:], endpoints: AIEndpointPolicy(allowedHosts: ["R"]))
        #expect(azure.provider == .azure && azure.model == "dep" && azure.baseURL == "https://r")
    }

    @Test(arguments: [
        (JSONValue(dictionaryLiteral: ("provider", 5)), "字段 provider 必须是字符串，收到：5"),
        (JSONValue(dictionaryLiteral: ("model", ["x"])), "字段 model 必须是字符串"),
        (JSONValue(dictionaryLiteral: ("base_url", true)), "字段 base_url 必须是字符串，收到：true"),
    ] as [(JSONValue, String)])
    func updateRefusesFieldsOfTheWrongType(_ data: JSONValue, _ reason: String) {
        #expect { try AISettings.offline.updated(with: data, environment: [:]) } throws: {
            ($0 as? PlanningError)?.message.contains(reason) == true
        }
    }

    @Test func credentialsInABadURLAreNotEchoed() {
        let bad = "ftp://alice:hunter2@example.com/v1?key=sk-secret&x=1#tok"
        #expect { try AISettings.offline.updated(with: ["provider": "ollama", "base_url": .string(bad)], environment: [:]) } throws: {
            let message = ($0 as? PlanningError)?.message ?? ""
            return message.contains("ftp://***@example.com/v1?key=***&x=***#***") && !message.contains("hunter2")
                && !message.contains("sk-secret") && !message.contains("tok")
        }
        #expect(RedactedURL.text("user:pw@host:1/a") == "***@host:1/a")
        #expect(RedactedURL.text("http://host/a@b") == "http://host/a@b", "an @ in the path is not a credential")
    }

    @Test func updateRefusesBadProviderAndKeepsNothingHalfDone() {
        #expect(throws: PlanningError.self) { try AISettings.offline.updated(with: ["provider": "skynet"], environment: [:]) }
        #expect(throws: PlanningError.self) { try AISettings.offline.updated(with: ["provider": "azure"], environment: [:]) }
    }

    @Test func keysNeverAppearInSummaryOrDescription() throws {
        let settings = try AISettings.fromEnvironment(["AI_PROVIDER": "openai", "OPENAI_API_KEY": "sk-very-secret"])
        #expect(!settings.description.contains("sk-very-secret") && settings.description.contains("<redacted>"))
        #expect(settings.summary == ["ai_provider": "openai", "model": .string(AISettings.defaultOpenAIModel)])
    }
}

@Suite struct LLMRequestTests {
    static let openai = AISettings(provider: .openai, model: "m1", baseURL: "http://127.0.0.1:9/v1/", apiKey: "sk-1", deployment: nil)
    static let azure = AISettings(provider: .azure, model: "dep 1", baseURL: "https://r.openai.azure.com", apiKey: "az-1", deployment: "dep 1")
    static let ollama = AISettings(provider: .ollama, model: "qwen", baseURL: "http://127.0.0.1:11434", apiKey: nil, deployment: nil)

    @Test func openAIChatCompletions() throws {
        let r = try LLMRequest.make(.openAIChat, settings: Self.openai, order: "起飞")
        #expect(r.url.absoluteString == "http://127.0.0.1:9/v1/chat/completions")
        #expect(r.headers["Authorization"] == "Bearer sk-1")
        #expect(r.body["model"] == "m1" && r.body["temperature"] == 0)
        #expect(r.body["messages"]?.arrayValue?.map { $0["role"] } == ["system", "user"])
        #expect(r.body["messages"]?.arrayValue?.last?["content"] == "起飞")
    }

    @Test func azureDeployments() throws {
        let r = try LLMRequest.make(.azureChat, settings: Self.azure, order: "land")
        #expect(r.url.absoluteString == "https://r.openai.azure.com/openai/deployments/dep%201/chat/completions?api-version=2024-06-01")
        #expect(r.headers["api-key"] == "az-1" && r.headers["Authorization"] == nil && r.body["model"] == nil)
    }

    @Test func ollamaChatAndGenerate() throws {
        let chat = try LLMRequest.make(.ollamaChat, settings: Self.ollama, order: "降落")
        #expect(chat.url.absoluteString == "http://127.0.0.1:11434/api/chat")
        #expect(chat.body["stream"] == false && chat.body["format"] == "json" && chat.body["model"] == "qwen")
        let generate = try LLMRequest.make(.ollamaGenerate, settings: Self.ollama, order: "降落")
        #expect(generate.url.absoluteString == "http://127.0.0.1:11434/api/generate")
        #expect(generate.body["prompt"] == "降落" && generate.body["system"] == .string(SystemPrompt.text))
    }

    @Test func systemPromptListsEveryActionAndTheShape() {
        for action in DroneAction.plannable { #expect(SystemPrompt.text.contains(action.rawValue)) }
        #expect(SystemPrompt.text.contains(#"{"commands":[{"action""#))
    }

    @Test(arguments: [
        (LLMRequest.Format.openAIChat, #"{"choices":[{"message":{"role":"assistant","content":"C"}}]}"#),
        (.azureChat, #"{"choices":[{"index":0,"message":{"content":"C"}}]}"#),
        (.ollamaChat, #"{"model":"q","message":{"role":"assistant","content":"C"},"done":true}"#),
        (.ollamaGenerate, #"{"model":"q","response":"C","done":true}"#),
    ])
    func readsTheContent(_ format: LLMRequest.Format, _ body: String) throws {
        #expect(try LLMRequest.content(of: Data(body.utf8), format: format) == "C")
    }

    @Test(arguments: [
        (#"{"error":{"message":"bad key","type":"invalid_request_error"}}"#, "模型服务报错：bad key"),
        (#"{"error":"model 'x' not found"}"#, "模型服务报错：model 'x' not found"),
        (#"{"choices":[]}"#, "缺少内容字段"),
        ("<html>502</html>", "不是JSON"),
    ])
    func reportsProviderErrors(_ body: String, _ reason: String) {
        #expect { try LLMRequest.content(of: Data(body.utf8), format: .openAIChat) } throws: {
            ($0 as? PlanningError)?.message.contains(reason) == true
        }
    }
}
