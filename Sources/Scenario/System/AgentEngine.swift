import Clocks
import MemoryNetwork

/// Plays each run against a freshly booted `AgentSystem`, on a fresh clock,
/// under the stall watch: nothing carries over from one run to the next, and
/// a run that stops moving fails instead of hanging the library.
///
/// In memory (the default), a virtual-time run gets its own
/// `SimulationExecutor` and `MemoryNetwork` (seeded by the scenario's seed):
/// no socket, no real clock, and idle is known rather than inferred, so runs
/// share a process and may run side by side. Live, it runs over the
/// machine's sockets and infers idle as before (one run at a time per
/// process). A real-time scenario always runs live.
public struct AgentEngine: ScenarioEngine {
    /// Wall time a run may go without any progress before it fails.
    public static let defaultStallTimeout: Duration = .seconds(60)
    /// Unread bytes an in-memory connection holds each way (a socket's
    /// buffers): a quarter of the network's default, so a client that stops
    /// reading fills it, and then the agent's send queue, within seconds of
    /// status broadcasts rather than minutes. The explorer uses the same, so
    /// a shrunk scenario replays here exactly as it was found.
    public static let streamCapacity = 64 * 1024

    public let stallTimeout: Duration
    /// Over the machine's sockets (`--live`) rather than in memory.
    public let live: Bool
    /// Where a stall's diagnosis is written the moment it is found.
    public let alert: @Sendable (String) -> Void
    /// Whether each run collects a trace (`--trace`): the events behind the HTML trace.
    public let tracing: Bool

    public init(
        stallTimeout: Duration = AgentEngine.defaultStallTimeout, live: Bool = false, tracing: Bool = false,
        alert: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.stallTimeout = stallTimeout
        self.live = live
        self.tracing = tracing
        self.alert = alert
    }

    public func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun {
        guard !live, scenario.time == .virtual else {
            let clock: ScenarioClock = scenario.time == .virtual ? .virtual() : .real()
            let trace = tracing ? TraceSink(time: clock.source) : nil
            return await WatchedRun(
                scenario: scenario, run: run, clock: clock, stallTimeout: stallTimeout, alert: alert,
                boot: { try await AgentSystem.boot($0, time: $1, trace: trace) }, trace: trace
            ).play()
        }
        let time = VirtualTime()
        let executor = SimulationExecutor(name: "scenario-\(scenario.name.prefix(20))")
        defer { executor.finish() }
        let network = MemoryNetwork(time: time, seed: scenario.seed, streamCapacity: Self.streamCapacity)
        let trace = tracing ? TraceSink(time: time) : nil
        let watched = WatchedRun(
            scenario: scenario, run: run, clock: .simulation(time, on: executor), stallTimeout: stallTimeout, alert: alert,
            boot: { scenario, time in try await AgentSystem.boot(scenario, time: time, memory: network, trace: trace) }, trace: trace)
        return await executor.run { await watched.play() }
    }
}
