import Clocks
import Foundation
import Lifetimes

/// One run of one scenario from boot to shutdown, under the stall watch:
/// boots a fresh system on a fresh clock, plays the steps, then shuts the
/// system down while driving its clock. Whatever part of that stops moving
/// for `stallTimeout` of wall time ends the run as a failure naming it.
struct WatchedRun: Sendable {
    /// Scenario time a shutdown may take (the agent lands a flying drone first).
    static let shutdownBudget: Duration = .seconds(300)

    let scenario: ScenarioFile
    let run: Int
    let clock: ScenarioClock
    let stallTimeout: Duration
    /// Receives a stall's diagnosis as soon as it is known, from the watch's thread.
    let alert: @Sendable (String) -> Void
    let boot: @Sendable (ScenarioFile, any TimeSource) async throws -> any ScenarioSystem
    /// Collects the run's trace (the system was booted feeding it too); nil: not traced.
    var trace: TraceSink? = nil

    func play() async -> SingleRun {
        let progress = RunProgress(scenario: scenario, run: run, virtual: clock.virtual)
        // The watch's thread may outlive the run for a moment: it must not keep the run's system.
        defer { progress.finish() }
        let (scenario, run, clock, boot) = (self.scenario, self.run, self.clock, self.boot)
        let alert = self.alert
        let trace = self.trace
        let outcome = await StallWatch.run(progress, limit: stallTimeout, alert: { alert($0.joined(separator: "\n")) }) {
            let system: any ScenarioSystem
            do {
                system = try await boot(scenario, clock.source)
            } catch {
                let failure = ScenarioFailure(run: run, stepIndex: nil, step: "starting the agent, simulator and mocks", expected: "a running system", received: "\(error)")
                return SingleRun(transcript: Transcript(setup: scenario.setup.transcript), failure: failure, scenarioTime: .zero, trace: trace?.events)
            }
            progress.attach(system: system)
            return await withRunning({ await system.run() }) {
                var result = await ScenarioPlayer(scenario: scenario, system: system, clock: clock, run: run, progress: progress, trace: trace).play()
                progress.enter(RunProgress.Phase(text: "shutting down the agent, simulator and mocks"))
                await clock.drive(budget: Self.shutdownBudget, settle: { await clock.settle { [system.logRecords.count, system.activity] } }) {
                    await system.shutdown()
                }
                result.trace = trace?.events
                return result
            }
        }
        switch outcome {
        case .finished(let result):
            return result
        case .stalled(let diagnosis, let phase, let finished):
            let snapshot = progress.snapshot(tail: ScenarioPlayer.tailLength)
            let failure = ScenarioFailure(
                run: run, stepIndex: phase.stepIndex, step: phase.text, note: phase.note,
                expected: "progress within \(ScenarioDuration.format(stallTimeout)) of wall time (--stall-timeout)",
                received: (diagnosis.first ?? "no progress") + diagnosis.dropFirst().map { "\n    " + $0 }.joined(),
                transcriptTail: snapshot.transcriptTail,
                logTail: snapshot.system?.logRecords.suffix(ScenarioPlayer.tailLength).map(\.formatted) ?? [])
            return SingleRun(
                transcript: finished?.transcript ?? Transcript(setup: scenario.setup.transcript), failure: failure,
                scenarioTime: finished?.scenarioTime ?? .zero, trace: finished?.trace ?? trace?.events)
        }
    }
}
