import JSONValue
import Planner

/// Which planner turns orders into plans, and the AI settings clients read
/// and change (`get_ai_settings`, `update_ai_settings`).
///
/// A protocol so the LLM providers (issue 5) plug in without touching the
/// router. Implementations never return an API key: only provider and model.
public protocol PlannerChoice: Sendable {
    func planner() async -> any Planner
    func settings() async -> (provider: String, model: String)
    /// Applies `update_ai_settings` data; the error text is shown to the client.
    func update(_ data: [String: JSONValue]) async -> Result<(provider: String, model: String), PlanningError>
}

/// The offline rule-based planner only: what this build can fly without a
/// network. Asking for an LLM provider is refused with a clear reason instead
/// of pretending to switch.
public actor OfflinePlannerChoice: PlannerChoice {
    public static let provider = "offline"
    public static let model = "rules"
    private let offline = OfflinePlanner()

    public init() {}

    public func planner() -> any Planner { offline }

    public func settings() -> (provider: String, model: String) { (Self.provider, Self.model) }

    public func update(_ data: [String: JSONValue]) -> Result<(provider: String, model: String), PlanningError> {
        let requested = (data["provider"] ?? data["ai_provider"])?.stringValue ?? Self.provider
        guard requested.lowercased() == Self.provider else {
            return .failure(PlanningError("provider \(requested) is not available in this build; only \(Self.provider)"))
        }
        return .success((Self.provider, Self.model))
    }
}
