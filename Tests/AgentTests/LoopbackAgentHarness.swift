import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import Sockets
import TelloSim
import Testing
import WebSocketCodec
import TestSupport
import Wire

/// A whole agent on port 0 flying its embedded simulator over loopback UDP,
/// on a clock five times faster than real (takeoff 1 s, reply timeouts 1.4 s):
/// the real sockets and threads, for the few tests that keep that path
/// covered. Everything else runs in memory (`AgentHarness`).
struct LoopbackAgentHarness: AgentTestRig {
    let agent: TelloAgent
    let logs: MemorySink
    var url: String { "ws://\(agent.address)/" }

    /// The agent, started but not yet running: `with` runs it.
    private static func start(scale: Double = 5, _ configure: (inout AgentOptions) -> Void = { _ in },
                      simulator: SimulatedTello.Configuration = .exact()) async throws -> LoopbackAgentHarness {
        let options = testOptions(configure)
        let logs = MemorySink()
        let agent = try await TelloAgent.start(options, environment: [:], time: SystemTime(scale: scale),
                                               logger: Logger(component: "test", minimumLevel: .debug, sink: logs),
                                               simulator: simulator)
        return LoopbackAgentHarness(agent: agent, logs: logs)
    }

    func client(headers: [String: String] = [:], path: String = "/") async throws -> TestClient {
        try await TestClient(url: "ws://\(agent.address)\(path)", headers: headers)
    }
}

extension LoopbackAgentHarness {
    /// Starts an agent, runs `body` with it while it runs, then shuts it down
    /// as a signal would and awaits every part's end; a shutdown that overran
    /// its grace period or a part that failed fails the test.
    static func with<T: Sendable>(scale: Double = 5, _ configure: (inout AgentOptions) -> Void = { _ in },
                                  simulator: SimulatedTello.Configuration = .exact(),
                                  _ body: (LoopbackAgentHarness) async throws -> T) async throws -> T {
        let rig = try await start(scale: scale, configure, simulator: simulator)
        let (result, report) = try await rig.agent.whileRunning { try await body(rig) }
        guard report.isClean else { throw UncleanShutdown(report: report) }
        return result
    }
}

/// The agent's shutdown overran its grace period, or a part of it failed.
struct UncleanShutdown: Error, CustomStringConvertible {
    let report: ServiceGroup.Report
    var description: String {
        "shutdown not clean: overran \(report.overran), failed \(report.failures.map { "\($0.service): \($0.error)" })"
    }
}
