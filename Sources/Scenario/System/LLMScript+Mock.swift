import Planner

extension LLMScript {
    /// The scripted replies as Planner's `LLMMock` plays them; once the list
    /// is used up, `then`, or HTTP 500 if the script names none (a scenario
    /// that asks more of the model than it scripted fails loudly).
    var mockReplies: (replies: [LLMMock.Reply], then: LLMMock.Reply) {
        (replies.map(\.mockReply), then?.mockReply ?? .status(500, body: #"{"error":{"message":"the scenario's LLM script has no more replies"}}"#))
    }

    /// Loads the script into `mock`.
    func load(into mock: LLMMock) {
        let (replies, then) = mockReplies
        mock.script(replies, then: then)
    }

    /// The `AISettings` that point the agent's planner at `mock` with this script's provider.
    func settings(for mock: LLMMock) -> AISettings {
        switch provider {
        case "azure":
            AISettings(provider: .azure, model: model, baseURL: mock.baseURL, apiKey: "scenario-key", deployment: model)
        case "ollama":
            AISettings(provider: .ollama, model: model, baseURL: mock.baseURL, apiKey: nil, deployment: nil)
        default:
            AISettings(provider: .openai, model: model, baseURL: mock.baseURL + "/v1", apiKey: "scenario-key", deployment: nil)
        }
    }
}

extension LLMReply {
    var mockReply: LLMMock.Reply {
        switch self {
        case .content(let text, let delay): delay > .zero ? .delayed(delay, text) : .content(text)
        case .status(let status, let body): .status(status, body: body)
        case .hang: .hang
        }
    }
}
