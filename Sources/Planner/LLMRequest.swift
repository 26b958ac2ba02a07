import Foundation
import JSONValue

/// One HTTP call to a model endpoint, built as a value so the request
/// shape of every provider is unit-tested without a network.
package struct LLMRequest: Sendable, Equatable {
    package var url: URL
    package var headers: [String: String]
    package var body: JSONValue

    /// The wire formats the providers speak.
    package enum Format: String, Sendable, CaseIterable {
        /// `POST {base}/chat/completions`, `Authorization: Bearer KEY` (OpenAI and compatibles).
        case openAIChat = "openai"
        /// `POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=V`, `api-key: KEY`.
        case azureChat = "azure"
        /// `POST {base}/api/chat`, Ollama's native chat API.
        case ollamaChat = "ollama-chat"
        /// `POST {base}/api/generate`, for Ollama servers without `/api/chat` (before 0.1.14).
        case ollamaGenerate = "ollama-generate"
    }

    /// The request asking `settings`' model to plan `order` in `format`.
    /// Temperature 0: the same order should give the same plan.
    package static func make(_ format: Format, settings: AISettings, order: String) throws(PlanningError) -> LLMRequest {
        let base = settings.baseURL.hasSuffix("/") ? String(settings.baseURL.dropLast()) : settings.baseURL
        let messages: JSONValue = [
            ["role": "system", "content": .string(SystemPrompt.text)],
            ["role": "user", "content": .string(order)],
        ]
        var headers = ["Content-Type": "application/json"]
        let path: String
        let body: JSONValue
        switch format {
        case .openAIChat:
            path = base + "/chat/completions"
            if let key = settings.apiKey { headers["Authorization"] = "Bearer \(key)" }
            body = ["model": .string(settings.model), "messages": messages, "temperature": 0]
        case .azureChat:
            let deployment = settings.deployment ?? settings.model
            let escaped = deployment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? deployment
            path = base + "/openai/deployments/\(escaped)/chat/completions?api-version=\(settings.apiVersion)"
            if let key = settings.apiKey { headers["api-key"] = key }
            body = ["messages": messages, "temperature": 0]
        case .ollamaChat:
            path = base + "/api/chat"
            body = ["model": .string(settings.model), "messages": messages, "stream": false, "format": "json", "options": ["temperature": 0]]
        case .ollamaGenerate:
            path = base + "/api/generate"
            body = [
                "model": .string(settings.model), "system": .string(SystemPrompt.text), "prompt": .string(order),
                "stream": false, "format": "json", "options": ["temperature": 0],
            ]
        }
        guard let url = URL(string: path), url.scheme != nil, url.host != nil else {
            throw PlanningError("模型地址无效：\(RedactedURL.text(path))")
        }
        return LLMRequest(url: url, headers: headers, body: body)
    }

    /// The model's text from a successful reply body in `format`, or the
    /// provider's own error message as a `PlanningError`.
    package static func content(of body: Data, format: Format) throws(PlanningError) -> String {
        guard let json = try? JSONValue(parsing: body) else {
            throw PlanningError("模型服务返回的不是JSON：\(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        if let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue {
            throw PlanningError("模型服务报错：\(message)")
        }
        let text: String?
        switch format {
        case .openAIChat, .azureChat: text = json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
        case .ollamaChat: text = json["message"]?["content"]?.stringValue
        case .ollamaGenerate: text = json["response"]?.stringValue
        }
        guard let text else { throw PlanningError("模型服务的回复缺少内容字段（\(format.rawValue)格式）") }
        return text
    }
}
