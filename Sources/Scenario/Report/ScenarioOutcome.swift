/// The result of running one scenario, possibly several times (`--repeat`).
public struct ScenarioOutcome: Sendable {
    public var name: String
    public var path: String
    /// How many runs were made (fewer than asked if one failed: the rest are skipped).
    public var runs: Int
    /// The first failure, or nil if every run passed with identical transcripts.
    public var failure: ScenarioFailure?
    /// Wall-clock time of all runs together (reports only; never in a transcript).
    public var wallTime: Duration
    /// Scenario time one run covered: the virtual flight time.
    public var scenarioTime: Duration
    /// The transcript of the first run.
    public var transcript: Transcript

    public init(
        name: String, path: String, runs: Int, failure: ScenarioFailure?, wallTime: Duration, scenarioTime: Duration,
        transcript: Transcript
    ) {
        self.name = name
        self.path = path
        self.runs = runs
        self.failure = failure
        self.wallTime = wallTime
        self.scenarioTime = scenarioTime
        self.transcript = transcript
    }

    public var passed: Bool { failure == nil }
}

/// Why a scenario failed, with what a reader needs to see without rerunning it.
public struct ScenarioFailure: Sendable, Equatable {
    /// Which run (1-based) failed.
    public var run: Int
    /// The failing step (0-based), or nil when the failure is not one step's
    /// (a transcript differing between runs, the system failing to start).
    public var stepIndex: Int?
    /// The step as written, e.g. `expect alice {"type":"error"}`.
    public var step: String
    public var note: String?
    public var expected: String
    public var received: String
    /// The last transcript lines and agent log lines before the failure.
    public var transcriptTail: [String]
    public var logTail: [String]

    public init(
        run: Int, stepIndex: Int?, step: String, note: String? = nil, expected: String, received: String,
        transcriptTail: [String] = [], logTail: [String] = []
    ) {
        self.run = run
        self.stepIndex = stepIndex
        self.step = step
        self.note = note
        self.expected = expected
        self.received = received
        self.transcriptTail = transcriptTail
        self.logTail = logTail
    }

    /// `step 4 (expect alice ...)` or just the step text when no step is to blame.
    public var headline: String {
        stepIndex.map { "step \($0 + 1) (\(step))" } ?? step
    }
}
