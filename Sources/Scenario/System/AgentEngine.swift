import Clocks

/// Plays each run against a freshly booted `AgentSystem`, on a fresh clock:
/// nothing carries over from one run to the next.
public struct AgentEngine: ScenarioEngine {
    public init() {}

    public func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun {
        let clock: ScenarioClock = scenario.time == .virtual ? .virtual() : .real()
        let system: AgentSystem
        do {
            system = try await AgentSystem.boot(scenario, time: clock.source)
        } catch {
            let failure = ScenarioFailure(run: run, stepIndex: nil, step: "starting the agent, simulator and mocks", expected: "a running system", received: "\(error)")
            return SingleRun(transcript: Transcript(setup: scenario.setup.transcript), failure: failure, scenarioTime: .zero)
        }
        let result = await ScenarioPlayer(scenario: scenario, system: system, clock: clock, run: run).play()
        await system.shutdown()
        return result
    }
}
