import Clocks
import JSONValue
import Logs
import Planner
import PostTransport

/// Which planner turns orders into plans, and the AI settings clients read
/// and change (`get_ai_settings`, `update_ai_settings`).
///
/// A protocol so the LLM providers plug in without touching the
/// router. Implementations never return an API key: only provider and model.
package protocol PlannerChoice: Sendable {
    func planner() async -> any Planner
    func settings() async -> (provider: String, model: String)
    /// Applies `update_ai_settings` data; the error text is shown to the client.
    func update(_ data: [String: JSONValue]) async -> Result<(provider: String, model: String), PlanningError>
}

/// The planner the AI settings select (`AISettings`): offline
/// rules by default, an LLM provider from the original's environment
/// variables or from `update_ai_settings`. A refused update keeps the
/// current settings; the API key is never part of what is returned.
package actor SettingsPlannerChoice: PlannerChoice {
    private var current: AISettings
    private var chosen: any Planner
    private let environment: [String: String]
    private let endpoints: AIEndpointPolicy
    private let time: any TimeSource
    private let logger: Logger
    /// Builds the planner for settings (at start and after each update): the assembly
    /// passes one that records the model's exchanges when the session is recorded.
    private let make: @Sendable (AISettings, any TimeSource, Logger) -> any Planner

    package init(settings: AISettings = .offline, environment: [String: String] = [:], endpoints: AIEndpointPolicy = .init(),
                time: any TimeSource, logger: Logger,
                makePlanner: @escaping @Sendable (AISettings, any TimeSource, Logger) -> any Planner = { $0.makePlanner(time: $1, logger: $2) }) {
        self.current = settings
        self.environment = environment
        self.endpoints = endpoints
        self.time = time
        self.logger = logger
        self.make = makePlanner
        self.chosen = makePlanner(settings, time, logger)
    }

    package func planner() -> any Planner { chosen }

    package func settings() -> (provider: String, model: String) { (current.provider.rawValue, current.model) }

    package func update(_ data: [String: JSONValue]) -> Result<(provider: String, model: String), PlanningError> {
        do {
            current = try current.updated(with: .object(data), environment: environment, endpoints: endpoints)
        } catch {
            return .failure(error)
        }
        chosen = make(current, time, logger)
        logger.info("AI settings updated", ("settings", current))
        return .success(settings())
    }
}
