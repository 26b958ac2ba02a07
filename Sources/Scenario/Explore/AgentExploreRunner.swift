import Agent
import Clocks
import Foundation
import JSONValue
import MemoryNetwork
import Synchronization

/// The real agent, its embedded simulator and the mocks in this process, on a
/// virtual clock the scenario runner drives (`AgentSystem`, `WatchedRun`): in
/// memory on a simulation executor by default, as `tello-scenario run` plays
/// (so a shrunk scenario replays exactly as it was found), or over loopback
/// sockets with `live`.
public struct AgentExploreRunner: ExploreRunner {
    /// Over real loopback sockets, idle inferred from the process (`tello-scenario run --live`).
    public struct Live: Sendable {
        /// true when other work shares the process (a test run): the clock's idle
        /// detection is then less patient with threads and sockets it does not own.
        public var sharedProcess: Bool

        public init(sharedProcess: Bool = false) {
            self.sharedProcess = sharedProcess
        }
    }

    /// nil: in memory on a simulation executor (the default); else over real sockets.
    public var live: Live?
    public var stallTimeout: Duration
    /// Bugs planted on purpose, for the explorer's own tests (`PlantedBugs`).
    package var planted: PlantedBugs
    /// Told of each system booted, for the explorer's own tests: they keep
    /// weak references to see that nothing of a run outlives it.
    package var onBoot: (@Sendable (AgentSystem) -> Void)?

    public init(live: Live? = nil, stallTimeout: Duration = AgentEngine.defaultStallTimeout) {
        self.live = live
        self.stallTimeout = stallTimeout
        self.planted = []
    }

    package init(live: Live? = nil, planted: PlantedBugs, stallTimeout: Duration = AgentEngine.defaultStallTimeout) {
        self.live = live
        self.stallTimeout = stallTimeout
        self.planted = planted
    }

    public func observe(_ scenario: ScenarioFile) async -> Observation {
        let time = VirtualTime()
        let log = TimedLog(time: time)
        let booted = Mutex<(any ScenarioSystem)?>(nil)
        let (planted, told) = (self.planted, self.onBoot)
        let samples = QueueSamples()
        let run: SingleRun
        if let live {
            let clock: ScenarioClock = live.sharedProcess ? .virtualInSharedProcess(time) : .virtual(time)
            run = await WatchedRun(
                scenario: scenario, run: 1, clock: clock, stallTimeout: stallTimeout, alert: { _ in },
                boot: { scenario, time in
                    let system = try await AgentSystem.boot(scenario, time: time, tap: log, planted: planted, queueSamples: samples)
                    booted.withLock { $0 = system }
                    told?(system)
                    return system
                }
            ).play()
        } else {
            let executor = SimulationExecutor(name: "explore-\(scenario.name.prefix(20))")
            defer { executor.finish() }
            let network = MemoryNetwork(time: time, seed: scenario.seed, streamCapacity: AgentEngine.streamCapacity)
            let watched = WatchedRun(
                scenario: scenario, run: 1, clock: .simulation(time, on: executor), stallTimeout: stallTimeout, alert: { _ in },
                boot: { scenario, time in
                    let system = try await AgentSystem.boot(
                        scenario, time: time, memory: network, tap: log, planted: planted, queueSamples: samples)
                    booted.withLock { $0 = system }
                    told?(system)
                    return system
                })
            run = await executor.run { await watched.play() }
        }
        let system = booted.withLock { $0 }
        var observation = Observation(
            transcript: run.transcript, log: log.records, backendRequests: await system?.backendRequests() ?? [],
            failure: run.failure, scenarioTime: run.scenarioTime)
        observation.queues = samples.all
        return observation
    }
}
