import Foundation
import JSONValue
import Logs

/// Plays one scenario's steps, in order, against a booted system; the first
/// step that does not hold ends the run with a failure that says why.
///
/// One player per run: it owns the clients, the captures and the transcript.
actor ScenarioPlayer {
    let scenario: ScenarioFile
    let system: any ScenarioSystem
    let clock: ScenarioClock
    let run: Int
    /// Where the run is, for the stall watch.
    let progress: RunProgress
    private let transcript: TranscriptRecorder
    /// Where the steps and messages also go when the run is traced.
    let trace: TraceSink?
    var clients: [String: ScriptedClient] = [:]
    var captures = Captures()
    /// Transcript and log lines shown with a failure.
    static let tailLength = 16

    init(
        scenario: ScenarioFile, system: any ScenarioSystem, clock: ScenarioClock, run: Int, progress: RunProgress? = nil, trace: TraceSink? = nil
    ) {
        self.scenario = scenario
        self.system = system
        self.clock = clock
        self.run = run
        self.transcript = TranscriptRecorder(setup: scenario.setup.transcript, trace: trace)
        self.trace = trace
        self.progress = progress ?? RunProgress(scenario: scenario, run: run, virtual: clock.virtual)
        self.progress.attach(system: system)
        self.progress.attach(recorder: transcript)
    }

    /// Plays every step, then closes the clients (the system is the caller's to shut down).
    func play() async -> SingleRun {
        let start = clock.now
        var failure: ScenarioFailure?
        for step in scenario.steps {
            // A run stopped by the stall watch plays no further step.
            if Task.isCancelled {
                failure = ScenarioFailure(
                    run: run, stepIndex: step.index, step: StepSummary.text(step.action), note: step.note,
                    expected: "the run to go on", received: "stopped before this step")
                break
            }
            progress.enter(RunProgress.Phase(stepIndex: step.index, text: StepSummary.text(step.action), note: step.note))
            trace?.record(step: step)
            let problem = await perform(step)
            trace?.record(stepEnd: step, problem: problem)
            if let problem {
                failure = ScenarioFailure(
                    run: run, stepIndex: step.index, step: StepSummary.text(step.action), note: step.note,
                    expected: problem.expected, received: problem.received, transcriptTail: transcript.current.tail(Self.tailLength),
                    logTail: system.logRecords.suffix(Self.tailLength).map(\.formatted))
                break
            }
        }
        progress.enter(RunProgress.Phase(text: "settling after the last step"))
        await settle()
        for client in clients.values { client.shutdown() }
        var final = transcript.current
        for request in await system.backendRequests() {
            final.record(.backendRequest(
                method: request["method"]?.stringValue ?? "?", path: request["path"]?.stringValue ?? "?", body: request["body"]))
        }
        return SingleRun(transcript: final, failure: failure, scenarioTime: clock.now - start)
    }

    /// Waits until the system is idle (see `ScenarioClock`).
    func settle() async {
        let clients = Array(self.clients.values)
        let system = self.system
        await clock.settle {
            [system.logRecords.count, system.activity] + clients.map { $0.received.count + ($0.ended == nil ? 0 : 1_000_000) }
        }
    }

    /// Lets scenario time run for up to `budget`, stopping as soon as `check` holds.
    func wait(_ budget: Duration, until check: () async -> Bool) async -> Bool {
        let progress = clock.virtual == nil ? self.progress : nil
        return await clock.run(until: clock.now + budget, settle: { await self.settle() }) {
            // In real time the wall clock is the scenario's: a wait within its budget is progress.
            progress?.turned()
            return await check()
        }
    }

    func record(_ event: TranscriptEvent) { transcript.record(event) }

    var recorder: TranscriptRecorder { transcript }
}

/// What a step expected and what it got instead.
struct StepProblem: Error, Equatable {
    var expected: String
    var received: String
}

/// The transcript of a run, written by client reader tasks and the player.
/// `@unchecked Sendable`: `transcript` is only touched under `lock`.
final class TranscriptRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var transcript: Transcript
    private let trace: TraceSink?

    init(setup: TranscriptSetup, trace: TraceSink? = nil) {
        transcript = Transcript(setup: setup)
        self.trace = trace
    }

    func record(_ event: TranscriptEvent) {
        // Under the lock, so the trace holds the events in the transcript's order.
        lock.withLock {
            transcript.record(event)
            trace?.record(event, setup: transcript.setup)
        }
    }

    var current: Transcript { lock.withLock { transcript } }

    /// Events recorded so far.
    var count: Int { lock.withLock { transcript.events.count } }
}
