import Agent
import AgentAssembly
import Bridge3002
import Bridge3002Mocks
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import Planner
import Sockets
import PlannerMocks
import TelloSim

/// The real thing, in-process: `TelloAgent` (as `tello-agent` starts it)
/// flying its embedded simulator, with its 3002 backend and (if scripted) its
/// LLM pointed at mocks, all on 127.0.0.1 port 0 and on the scenario's clock.
public final class AgentSystem: ScenarioSystem {
    package let agent: TelloAgent
    let simulator: SimulatedTello
    let backend: Backend3002Mock
    let llm: LLMMock?
    let logs: MemorySink
    let time: any TimeSource
    private let stopper: AsyncStream<String>.Continuation
    /// The agent's service group. The runner boots and shuts a system down in
    /// separate calls (`ScenarioSystem`), not in one scope, so the group runs
    /// in this task, owned here: `shutdown` stops it and awaits it.
    private let running: Task<ServiceGroup.Report, Never>

    private init(agent: TelloAgent, simulator: SimulatedTello, backend: Backend3002Mock, llm: LLMMock?, logs: MemorySink, time: any TimeSource) {
        self.agent = agent
        let (stop, stopper) = AsyncStream<String>.makeStream()
        self.stopper = stopper
        running = Task { await agent.run(until: stop) }
        self.simulator = simulator
        self.backend = backend
        self.llm = llm
        self.logs = logs
        self.time = time
    }

    /// Boots mocks, then the agent pointed at them, then applies the setup's simulator state.
    /// `tap` also receives every log record (the explorer stamps them with scenario time);
    /// `planted` are bugs for the explorer's tests (`PlantedBugs`).
    public static func boot(_ scenario: ScenarioFile, time: any TimeSource) async throws -> AgentSystem {
        try await boot(scenario, time: time, tap: nil, planted: [])
    }

    package static func boot(_ scenario: ScenarioFile, time: any TimeSource, tap: (any LogSink)?, planted: PlantedBugs) async throws -> AgentSystem {
        let setup = scenario.setup
        let logs = MemorySink()
        let logger = Logger(component: "scenario", minimumLevel: .debug, sink: tap.map { TeeSink(logs, $0) } ?? logs)
        let backend = try Backend3002Mock(time: time, logger: logger.named("backend3002-mock"))
        await setup.backend.load(into: backend)
        var environment: [String: String] = [:]
        var llm: LLMMock?
        if let script = setup.llm {
            let mock = try LLMMock(time: time, logger: logger.named("llm-mock"))
            script.load(into: mock)
            environment = script.environment(for: mock)
            llm = mock
        }
        var simulator = SimulatedTello.Configuration.exact()
        if let name = setup.simulator.model, let model = TelloModel(rawValue: name) {
            simulator.parameters = .realDrone(model)
        }
        simulator.seed = scenario.seed
        var plan = FaultPlan()
        for fault in setup.simulator.faults {
            if case .plan(let next) = fault.effect(on: plan) { plan = next }
        }
        simulator.faults = plan
        var options = setup.agent.options(backend: backend.baseURL)
        options.plantedBugs = planted
        let agent = try await TelloAgent.start(
            options, environment: environment, time: time, logger: logger, simulator: simulator)
        guard let embedded = agent.simulator else {
            _ = try? await agent.whileRunning {}  // what `start` started is stopped before the run fails
            throw ScenarioSystemError("the agent did not start its embedded simulator")
        }
        let system = AgentSystem(agent: agent, simulator: embedded, backend: backend, llm: llm, logs: logs, time: time)
        if let battery = setup.simulator.battery { await embedded.setBattery(Double(battery)) }
        for fault in setup.simulator.faults where !(fault.effect(on: FaultPlan()).isPlanChange) {
            try await fault.apply(to: embedded)
        }
        return system
    }

    public var agentAddress: SocketAddress { agent.address }
    public var logRecords: [LogRecord] { logs.records }
    public var activity: Int { backend.requests.count + (llm?.requests.count ?? 0) }

    public func backendRequests() async -> [JSONValue] { backend.requests.map(\.json) }

    public func setBackend(up: Bool) async throws {
        if up { try backend.goUp() } else { await backend.goDown() }
    }

    public func apply(_ fault: SimulatorFault) async throws { try await fault.apply(to: simulator) }

    public func groundTruth() async -> GroundTruth { await simulator.groundTruth }

    /// The agent's own shutdown (it lands a flying drone first), then the
    /// mocks'. It sleeps on the scenario's clock: the runner drives that
    /// clock meanwhile (`ScenarioClock.drive`).
    public func shutdown() async {
        stopper.yield("scenario over")
        let report = await running.value
        if !report.isClean {
            logs.write(LogRecord(level: .error, component: "scenario", message: "agent shutdown not clean",
                                 fields: [LogField("overran", report.overran.joined(separator: ",")),
                                          LogField("failed", report.failures.map(\.service).joined(separator: ","))]))
        }
        await llm?.shutdown()
        await backend.shutdown()
    }
}

extension AgentSetup {
    /// `tello-agent`'s options for this setup: 127.0.0.1 port 0, the embedded simulator, the 3002 mock.
    func options(backend: String) -> AgentOptions {
        var options = AgentOptions()
        options.host = "127.0.0.1"
        options.port = 0
        options.drone = .simulator
        options.backend = backend
        if let origins = allowedOrigins { options.allowedOrigins = origins }
        options.token = token
        if let pause = stepPause { options.stepPause = pause }
        if let interval = statusInterval { options.statusInterval = interval }
        if let language, let chosen = AgentLanguage(rawValue: language) { options.language = chosen }
        return options
    }
}

extension SimulatorFault.Effect {
    var isPlanChange: Bool {
        if case .plan = self { return true }
        return false
    }
}

/// The system could not be started or driven.
public struct ScenarioSystemError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
