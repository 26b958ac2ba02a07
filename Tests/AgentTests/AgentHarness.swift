import Agent
import AgentAssembly
import Clocks
import Foundation
import Lifetimes
import Logs
import TelloSim
import TestSupport

/// A whole agent flying its embedded simulator, in memory: the agent, the
/// simulator and the test's clients on one `MemoryNetwork`, on virtual
/// time, every task on the test's `SimulationExecutor` (`Simulation`). The
/// clock moves only when everything waits, so a test that waits for 30 s of
/// flight takes as long as the code that runs meanwhile, and the same test
/// interleaves the same way on a loaded machine as on an idle one.
///
/// The helpers a test calls inside `with` (`eventually`, `within`,
/// `TestClient`, `RawWebSocketClient`) see the simulation and wait in it.
/// The few tests of the real sockets use `LoopbackAgentHarness`.
struct AgentHarness: AgentTestRig, Sendable {
    let agent: TelloAgent
    let logs: MemorySink
    let simulation: Simulation
    var url: String { "ws://\(agent.address)/" }
    var time: VirtualTime { simulation.time }

    func client(headers: [String: String] = [:], path: String = "/") async throws -> TestClient {
        try await TestClient(url: "ws://\(agent.address)\(path)", headers: headers)
    }
}

extension AgentHarness {
    /// Starts an agent in a fresh simulation, runs `body` with it while it
    /// runs, then shuts it down as a signal would and awaits every part's
    /// end (the driver moves the clock through the landing and the closes);
    /// a shutdown that overran its grace period or a part that failed fails
    /// the test. Options as the loopback harness's: plan steps 200 ms apart,
    /// a status every 500 ms, a backend nobody listens on.
    static func with<T: Sendable>(_ configure: (inout AgentOptions) -> Void = { _ in },
                                  simulator: SimulatedTello.Configuration = .exact(),
                                  _ body: @escaping @Sendable (AgentHarness) async throws -> T) async throws -> T {
        let chosen = testOptions(configure)
        return try await Simulation.run(name: "agent-test") { simulation in
            let logs = MemorySink()
            let agent = try await TelloAgent.start(chosen, environment: [:], time: simulation.time,
                                                   logger: Logger(component: "test", minimumLevel: .debug, sink: logs),
                                                   simulator: simulator, datagrams: simulation.network, streams: simulation.network)
            let rig = AgentHarness(agent: agent, logs: logs, simulation: simulation)
            let (result, report) = try await agent.whileRunning { try await body(rig) }
            guard report.isClean else { throw UncleanShutdown(report: report) }
            return result
        }
    }
}
