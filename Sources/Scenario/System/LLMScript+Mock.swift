import Planner
import PlannerMocks

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

    /// The environment variables (the original's names) that point the
    /// agent's planner at `mock` with this script's provider.
    func environment(for mock: LLMMock) -> [String: String] {
        switch provider {
        case "azure":
            ["AI_PROVIDER": "azure", "AZURE_OPENAI_ENDPOINT": mock.baseURL, "AZURE_OPENAI_KEY": "scenario-key", "AZURE_OPENAI_DEPLOYMENT": model]
        case "ollama":
            ["AI_PROVIDER": "ollama", "OLLAMA_BASE_URL": mock.baseURL, "OLLAMA_MODEL": model]
        default:
            ["AI_PROVIDER": "openai", "OPENAI_BASE_URL": mock.baseURL + "/v1", "OPENAI_API_KEY": "scenario-key", "OPENAI_MODEL": model]
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
