import Clocks

/// Plays each run against a freshly booted `AgentSystem`, on a fresh clock,
/// under the stall watch: nothing carries over from one run to the next, and
/// a run that stops moving fails instead of hanging the library.
public struct AgentEngine: ScenarioEngine {
    /// Wall time a run may go without any progress before it fails.
    public static let defaultStallTimeout: Duration = .seconds(60)

    public let stallTimeout: Duration
    /// Where a stall's diagnosis is written the moment it is found.
    public let alert: @Sendable (String) -> Void
    /// Whether each run collects a trace (`--trace`): the events behind the HTML trace.
    public let tracing: Bool

    public init(
        stallTimeout: Duration = AgentEngine.defaultStallTimeout, tracing: Bool = false, alert: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.stallTimeout = stallTimeout
        self.tracing = tracing
        self.alert = alert
    }

    public func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun {
        let clock: ScenarioClock = scenario.time == .virtual ? .virtual() : .real()
        let trace = tracing ? TraceSink(time: clock.source) : nil
        return await WatchedRun(
            scenario: scenario, run: run, clock: clock, stallTimeout: stallTimeout, alert: alert,
            boot: { try await AgentSystem.boot($0, time: $1, trace: trace) }, trace: trace
        ).play()
    }
}
