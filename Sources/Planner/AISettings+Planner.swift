import Clocks
import Logs
import PostTransport

extension AISettings {
    /// The planner these settings select: `OfflinePlanner` for `offline`
    /// (no transport touched), an `LLMPlanner` for the model providers.
    /// The Agent calls this at start and after every `update_ai_settings`.
    package func makePlanner(
        transport: (any HTTPPoster)? = nil, time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "planner")
    ) -> any Planner {
        switch provider {
        case .offline: OfflinePlanner()
        case .ollama, .openai, .azure: LLMPlanner(settings: self, transport: transport, time: time, logger: logger)
        }
    }
}
