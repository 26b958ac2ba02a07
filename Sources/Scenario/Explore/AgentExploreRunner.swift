import Agent
import Clocks
import Foundation
import JSONValue
import Synchronization

/// The runner that exists today: the real agent, its embedded simulator and
/// the mocks in this process over loopback sockets, on a virtual clock the
/// scenario runner drives (`AgentSystem`, `WatchedRun`). Another runner (an
/// in-memory network with known quiescence) only has to produce the same
/// `Observation`.
public struct AgentExploreRunner: ExploreRunner {
    /// true when other work shares the process (a test run): the clock's idle
    /// detection is then less patient with threads and sockets it does not own.
    public var sharedProcess: Bool
    public var stallTimeout: Duration
    /// Bugs planted on purpose, for the explorer's own tests (`PlantedBugs`).
    package var planted: PlantedBugs

    public init(sharedProcess: Bool = false, stallTimeout: Duration = AgentEngine.defaultStallTimeout) {
        self.sharedProcess = sharedProcess
        self.stallTimeout = stallTimeout
        self.planted = []
    }

    package init(sharedProcess: Bool = false, planted: PlantedBugs, stallTimeout: Duration = AgentEngine.defaultStallTimeout) {
        self.sharedProcess = sharedProcess
        self.stallTimeout = stallTimeout
        self.planted = planted
    }

    public func observe(_ scenario: ScenarioFile) async -> Observation {
        let time = VirtualTime()
        let clock: ScenarioClock = sharedProcess ? .virtualInSharedProcess(time) : .virtual(time)
        let log = TimedLog(time: time)
        let booted = Mutex<(any ScenarioSystem)?>(nil)
        let planted = self.planted
        let run = await WatchedRun(
            scenario: scenario, run: 1, clock: clock, stallTimeout: stallTimeout, alert: { _ in },
            boot: { scenario, time in
                let system = try await AgentSystem.boot(scenario, time: time, tap: log, planted: planted)
                booted.withLock { $0 = system }
                return system
            }
        ).play()
        let system = booted.withLock { $0 }
        return Observation(
            transcript: run.transcript, log: log.records, backendRequests: await system?.backendRequests() ?? [],
            failure: run.failure, scenarioTime: run.scenarioTime)
    }
}
