import JSONValue

/// Which planner runs, and how to reach its model.
package enum AIProvider: String, Sendable, CaseIterable {
    /// The rule-based `OfflinePlanner`: no network, the default.
    case offline
    /// Ollama's native API (`/api/chat`, falling back to `/api/generate`).
    case ollama
    /// Any OpenAI-compatible chat completions endpoint (OpenAI, vLLM, LM Studio…).
    case openai
    /// Azure OpenAI: deployments, `api-key` header, `api-version` query.
    case azure

    /// Names users and the original's front end send: `openai_compatible`, `azure_openai`, `rules`…
    package init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "_").trimmingSpaces {
        case "offline", "rules", "local", "none": self = .offline
        case "ollama": self = .ollama
        case "openai", "openai_compatible", "chatgpt": self = .openai
        case "azure", "azure_openai", "azureopenai": self = .azure
        default: return nil
        }
    }
}

/// Everything a provider needs; read from the original's environment
/// variables and changed by `update_ai_settings`.
///
/// `description` never shows the key: settings are logged and echoed
/// (`get_ai_settings`) and API keys must not be.
package struct AISettings: Sendable, Equatable, CustomStringConvertible {
    package var provider: AIProvider
    package var model: String
    /// Ollama or OpenAI base URL, or the Azure resource endpoint.
    package var baseURL: String
    package var apiKey: String?
    /// Azure only: the deployment name (the model is whatever it deploys).
    package var deployment: String?
    /// Azure only: `api-version`; 2024-06-01 is the oldest generally available
    /// version with today's chat completions shape.
    package var apiVersion: String

    package static let defaultOllamaBase = "http://localhost:11434"
    package static let defaultOllamaModel = "qwen2.5:7b"
    package static let defaultOpenAIBase = "https://api.openai.com/v1"
    package static let defaultOpenAIModel = "gpt-4o-mini"
    package static let defaultAzureAPIVersion = "2024-06-01"

    package static let offline = AISettings(provider: .offline, model: "offline-rules", baseURL: "", apiKey: nil, deployment: nil)

    package init(provider: AIProvider, model: String, baseURL: String, apiKey: String?, deployment: String?, apiVersion: String = defaultAzureAPIVersion) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.deployment = deployment
        self.apiVersion = apiVersion
    }

    /// Settings from `AI_PROVIDER` (unset: offline), `OLLAMA_BASE_URL`,
    /// `OLLAMA_MODEL`, `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL`,
    /// `AZURE_OPENAI_ENDPOINT`, `AZURE_OPENAI_KEY`, `AZURE_OPENAI_DEPLOYMENT`
    /// (and `AZURE_OPENAI_API_VERSION`).
    package static func fromEnvironment(_ env: [String: String]) throws(PlanningError) -> AISettings {
        let name = env["AI_PROVIDER"].flatMap { $0.isEmpty ? nil : $0 } ?? "offline"
        guard let provider = AIProvider(name: name) else { throw unknownProvider(name) }
        return try defaults(for: provider, env).validated()
    }

    static func defaults(for provider: AIProvider, _ env: [String: String]) -> AISettings {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        switch provider {
        case .offline:
            return .offline
        case .ollama:
            return AISettings(
                provider: .ollama, model: value("OLLAMA_MODEL") ?? defaultOllamaModel,
                baseURL: value("OLLAMA_BASE_URL") ?? defaultOllamaBase, apiKey: nil, deployment: nil)
        case .openai:
            return AISettings(
                provider: .openai, model: value("OPENAI_MODEL") ?? defaultOpenAIModel,
                baseURL: value("OPENAI_BASE_URL") ?? defaultOpenAIBase, apiKey: value("OPENAI_API_KEY"), deployment: nil)
        case .azure:
            let deployment = value("AZURE_OPENAI_DEPLOYMENT")
            return AISettings(
                provider: .azure, model: deployment ?? "", baseURL: value("AZURE_OPENAI_ENDPOINT") ?? "",
                apiKey: value("AZURE_OPENAI_KEY"), deployment: deployment,
                apiVersion: value("AZURE_OPENAI_API_VERSION") ?? defaultAzureAPIVersion)
        }
    }

    func validated() throws(PlanningError) -> AISettings {
        switch provider {
        case .offline: break
        case .ollama, .openai:
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
                throw PlanningError("\(provider.rawValue)的地址无效：\(RedactedURL.text(baseURL))（应以http://或https://开头）")
            }
        case .azure:
            guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else {
                throw PlanningError("Azure OpenAI需要endpoint（AZURE_OPENAI_ENDPOINT）")
            }
            guard apiKey != nil else { throw PlanningError("Azure OpenAI需要API密钥（AZURE_OPENAI_KEY）") }
            guard deployment != nil else { throw PlanningError("Azure OpenAI需要deployment（AZURE_OPENAI_DEPLOYMENT）") }
        }
        return self
    }

    static func unknownProvider(_ name: String) -> PlanningError {
        PlanningError("未知的AI提供方：\(Echo.text(name))（可选：offline、ollama、openai、azure）")
    }

    /// `get_ai_settings`'s `settings` and `update_ai_settings`' echo: never the key.
    package var summary: JSONValue {
        ["ai_provider": .string(provider.rawValue), "model": .string(model)]
    }

    package var description: String {
        "provider=\(provider.rawValue) model=\(model) base_url=\(RedactedURL.text(baseURL)) api_key=\(apiKey == nil ? "unset" : "<redacted>")"
    }
}
