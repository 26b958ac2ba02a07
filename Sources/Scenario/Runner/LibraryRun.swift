import Clocks

/// What playing a scenario once produced.
public struct SingleRun: Sendable {
    public var transcript: Transcript
    /// nil if every step held.
    public var failure: ScenarioFailure?
    /// Scenario time the run covered (virtual flight time in virtual mode).
    public var scenarioTime: Duration
    /// What the run did, event by event, when it was traced (`--trace`).
    public var trace: [TraceEvent]?

    public init(transcript: Transcript, failure: ScenarioFailure?, scenarioTime: Duration, trace: [TraceEvent]? = nil) {
        self.transcript = transcript
        self.failure = failure
        self.scenarioTime = scenarioTime
        self.trace = trace
    }
}

/// Plays one scenario once. The real one boots the agent, simulator and mocks;
/// tests of the repeat logic pass a scripted one.
public protocol ScenarioEngine: Sendable {
    /// `run` counts from 1; failures carry it.
    func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun
}

/// Runs a library: each scenario `repeats` times, stopping a scenario at its
/// first failing run; a run whose transcript differs from the first run's
/// fails too, since determinism is the point of a scenario.
public struct LibraryRun: Sendable {
    public let engine: any ScenarioEngine
    public let repeats: Int
    /// Scenarios played at once (the engine must allow it: runs in memory do).
    public let jobs: Int
    /// Receives each progress line (and failure details) as soon as it is known.
    public let output: @Sendable (String) -> Void
    /// Where HTML traces go (`--trace`); nil: none are written.
    public let traces: TraceWriter?

    public init(engine: any ScenarioEngine, repeats: Int = 1, jobs: Int = 1, traces: TraceWriter? = nil, output: @escaping @Sendable (String) -> Void) {
        self.engine = engine
        self.repeats = max(1, repeats)
        self.jobs = max(1, jobs)
        self.traces = traces
        self.output = output
    }

    /// Plays every scenario, `jobs` at a time; lines come out in library
    /// order (a finished scenario waits for those before it), so the output
    /// of `--jobs 4` reads as that of one job.
    public func run(_ scenarios: [ScenarioFile]) async -> [ScenarioOutcome] {
        var finished: [Int: ScenarioOutcome] = [:]
        var outcomes: [ScenarioOutcome] = []
        await withTaskGroup(of: (Int, ScenarioOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < scenarios.count else { return }
                let (position, scenario) = (next, scenarios[next])
                next += 1
                group.addTask { (position, await runRepeatedly(scenario)) }
            }
            for _ in 0..<jobs { startNext() }
            while let (position, outcome) = await group.next() {
                finished[position] = outcome
                while let ready = finished.removeValue(forKey: outcomes.count) {
                    outcomes.append(ready)
                    output(ConsoleReport.progressLine(ready, position: outcomes.count, total: scenarios.count))
                    if !ready.passed { output(ConsoleReport.failureDetail(ready)) }
                }
                startNext()
            }
        }
        output(ConsoleReport.summary(outcomes))
        return outcomes
    }

    func runRepeatedly(_ scenario: ScenarioFile) async -> ScenarioOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        var first: SingleRun?
        var failure: ScenarioFailure?
        var runs = 0
        while runs < repeats, failure == nil {
            runs += 1
            let result = await engine.play(scenario, run: runs)
            if let reference = first {
                failure = result.failure ?? Self.difference(reference.transcript, result.transcript, run: runs)
                // A run that parts from run 1 is read beside run 1: both traces are written.
                if let traces, !traces.all, result.failure == nil, failure != nil {
                    output(traces.write(scenario, run: 1, result: reference, failure: nil))
                }
            } else {
                first = result
                failure = result.failure
            }
            if let traces, traces.all || failure != nil {
                output(traces.write(scenario, run: runs, result: result, failure: failure))
            }
        }
        return ScenarioOutcome(
            name: scenario.name, path: scenario.path, runs: runs, failure: failure, wallTime: clock.now - started,
            scenarioTime: first?.scenarioTime ?? .zero, transcript: first?.transcript ?? Transcript())
    }

    /// nil if the transcripts are identical; otherwise a failure naming the first differing line.
    static func difference(_ reference: Transcript, _ other: Transcript, run: Int) -> ScenarioFailure? {
        let a = reference.text, b = other.text
        guard a != b else { return nil }
        let linesA = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let linesB = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = zip(linesA, linesB).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(linesA.count, linesB.count)
        func line(_ lines: [String]) -> String { index < lines.count ? lines[index] : "(end of transcript)" }
        return ScenarioFailure(
            run: run, stepIndex: nil, step: "transcript of run \(run) differs from run 1 at line \(index + 1)",
            expected: line(linesA), received: line(linesB), transcriptTail: Array(linesB.prefix(index + 1).suffix(8)))
    }
}
