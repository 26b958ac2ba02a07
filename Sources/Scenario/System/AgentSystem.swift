import Agent
import AgentAssembly
import Bridge3002
import Bridge3002Mocks
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import MemoryNetwork
import Networks
import Planner
import Sockets
import Synchronization
import PlannerMocks
import TelloSim

/// The real thing, in-process: `TelloAgent` (as `tello-agent` starts it)
/// flying its embedded simulator, with its 3002 backend and (if scripted) its
/// LLM pointed at mocks, all on 127.0.0.1 port 0 and on the scenario's clock,
/// over the machine's sockets (live) or over one `MemoryNetwork` (in memory).
public final class AgentSystem: ScenarioSystem {
    package let agent: TelloAgent
    let simulator: SimulatedTello
    let backend: Backend3002Mock
    let llm: LLMMock?
    let logs: MemorySink
    let time: any TimeSource
    /// The run's memory network (its faults: loss, delay, partitions, resets); nil over real sockets.
    public let memory: MemoryNetwork?
    let trace: TraceSink?
    let setup: ScenarioSetup
    /// Where the agent's queues are read into while it runs (the explorer); nil: they are not read.
    let queueSamples: QueueSamples?
    private let stop: AsyncStream<String>
    private let stopper: AsyncStream<String>.Continuation
    /// The agent's service group's report, once `run` has returned.
    private let report = Mutex<ServiceGroup.Report?>(nil)
    private let ended = Latch()

    private init(
        agent: TelloAgent, simulator: SimulatedTello, backend: Backend3002Mock, llm: LLMMock?, logs: MemorySink, time: any TimeSource,
        trace: TraceSink?, setup: ScenarioSetup, memory: MemoryNetwork?, queueSamples: QueueSamples?
    ) {
        self.queueSamples = queueSamples
        self.agent = agent
        (stop, stopper) = AsyncStream<String>.makeStream()
        self.memory = memory
        self.simulator = simulator
        self.backend = backend
        self.llm = llm
        self.logs = logs
        self.time = time
        self.trace = trace
        self.setup = setup
    }

    /// Boots mocks, then the agent pointed at them, then applies the setup's simulator state.
    /// With `trace`, the log, the drone's datagrams and (at shutdown) the mocks' exchanges go into it too.
    /// Over `memory` when given (every socket of the agent, the simulator,
    /// the mocks and the clients is one of its endpoints), else over the machine's.
    /// `tap` also receives every log record (the explorer stamps them with scenario time);
    /// `planted` are bugs for the explorer's tests (`PlantedBugs`); `queueSamples`
    /// receives the agent's queues every few seconds while it runs.
    package static func boot(_ scenario: ScenarioFile, time: any TimeSource, memory: MemoryNetwork? = nil, trace: TraceSink? = nil,
                             tap: (any LogSink)? = nil, planted: PlantedBugs = [], queueSamples: QueueSamples? = nil) async throws -> AgentSystem
    {
        let setup = scenario.setup
        let logs = MemorySink()
        let sinks: [any LogSink] = [logs] + [trace?.logSink, tap].compactMap { $0 }
        let sink: any LogSink = sinks.count == 1 ? logs : FanOutSink(sinks)
        let logger = Logger(component: "scenario", minimumLevel: .debug, sink: sink)
        let streams: any StreamNetwork = memory ?? TCPNetwork()
        let datagrams: any DatagramNetwork = memory ?? UDPNetwork()
        let backend = try Backend3002Mock(time: time, logger: logger.named("backend3002-mock"), network: streams)
        await setup.backend.load(into: backend)
        var environment: [String: String] = [:]
        var llm: LLMMock?
        if let script = setup.llm {
            let mock = try LLMMock(time: time, logger: logger.named("llm-mock"), network: streams)
            script.load(into: mock)
            environment = script.environment(for: mock)
            llm = mock
        }
        // A test's planted bug (`PlantedRegression`) reaches the agent the way it reaches tello-agent.
        environment[PlantedRegression.variable] = ProcessInfo.processInfo.environment[PlantedRegression.variable]
        var simulator = SimulatedTello.Configuration.exact()
        if let name = setup.simulator.model, let model = TelloModel(rawValue: name) {
            simulator.parameters = .realDrone(model)
        }
        simulator.seed = scenario.seed
        var plan = FaultPlan()
        for fault in setup.simulator.faults {
            if case .plan(let next) = fault.effect(on: plan) { plan = next }
        }
        plan.script = setup.simulator.script
        simulator.faults = plan
        if let drain = setup.simulator.flightDrain { simulator.parameters.flightDrain = drain / 60 }
        if let drain = setup.simulator.idleDrain { simulator.parameters.idleDrain = drain / 60 }
        simulator.tap = trace?.simulatorTap
        for fault in setup.simulator.faults { trace?.record("fault", ["fault": fault.json, "setup": true]) }
        if setup.backend.down { trace?.record("backend_state", ["up": false, "setup": true]) }
        var options = setup.agent.options(backend: backend.baseURL)
        options.plantedBugs = planted
        let agent = try await TelloAgent.start(
            options, environment: environment, time: time, logger: logger, simulator: simulator,
            datagrams: datagrams, streams: memory)
        guard let embedded = agent.simulator else {
            _ = try? await agent.whileRunning {}  // what `start` started is stopped before the run fails
            throw ScenarioSystemError("the agent did not start its embedded simulator")
        }
        let system = AgentSystem(agent: agent, simulator: embedded, backend: backend, llm: llm, logs: logs, time: time, trace: trace,
                                 setup: setup, memory: memory, queueSamples: queueSamples)
        if let battery = setup.simulator.battery { await embedded.setBattery(Double(battery)) }
        for fault in setup.simulator.faults where !(fault.effect(on: FaultPlan()).isPlanChange) {
            try await system.apply(fault)
        }
        return system
    }

    public var agentAddress: SocketAddress { agent.address }
    public var streams: any StreamNetwork { memory ?? TCPNetwork() }
    public var logRecords: [LogRecord] { logs.records }
    public var activity: Int { backend.requests.count + (llm?.requests.count ?? 0) }

    public func backendRequests() async -> [JSONValue] { backend.requests.map(\.json) }

    public func setBackend(up: Bool) async throws {
        if up { try backend.goUp() } else { await backend.goDown() }
    }

    public func apply(_ fault: SimulatorFault) async throws {
        try applyToNetwork(fault)
        try await fault.apply(to: simulator)
    }

    public func groundTruth() async -> GroundTruth { await simulator.groundTruth }

    /// The agent's service group, as the runner's child, until `shutdown`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            if let queueSamples { group.addTask { [agent, time] in await queueSamples.sample(agent, time: time) } }
            let report = await agent.run(until: stop)
            group.cancelAll()
            self.report.withLock { $0 = report }
        }
        ended.open()
    }

    /// The agent's own shutdown (it lands a flying drone first; `run`
    /// returns when it is over), then the mocks'. It sleeps on the
    /// scenario's clock: the runner drives that clock meanwhile
    /// (`ScenarioClock.drive`).
    public func shutdown() async {
        stopper.yield("scenario over")
        await ended.wait()
        if let report = report.withLock({ $0 }), !report.isClean {
            logs.write(LogRecord(level: .error, component: "scenario", message: "agent shutdown not clean",
                                 fields: [LogField("overran", report.overran.joined(separator: ",")),
                                          LogField("failed", report.failures.map(\.service).joined(separator: ","))]))
        }
        await llm?.shutdown()
        await backend.shutdown()
        trace?.recordBackend(backend.requests, setup: setup.transcript)
        if let llm, let script = setup.llm { trace?.recordLLM(llm.requests, provider: script.provider) }
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
        if let limit = sendQueueLimit { options.sendQueueLimit = limit }
        if let language, let chosen = AgentLanguage(rawValue: language) { options.language = chosen }
        return options
    }

    /// The backoff between 3002 delivery attempts of the agent this setup boots.
    var outboxBackoff: Outbox.Backoff { options(backend: "").outboxBackoff }
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
