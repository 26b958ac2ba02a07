import JSONValue
import Logs

/// What one run of a generated scenario showed: everything the invariants
/// are checked over. The runner that produced it is an `ExploreRunner`, so
/// the explorer does not care whether the system ran over real loopback
/// sockets or an in-memory network.
public struct Observation: Sendable {
    /// Every client event in order: what each client sent, received, and how it ended.
    public var transcript: Transcript
    /// Every log record (agent, simulator, mocks) with the scenario time it was written at.
    public var log: [TimedRecord]
    /// What the 3002 mock received, as `ScenarioSystem.backendRequests` gives it.
    public var backendRequests: [JSONValue]
    /// A step that could not be carried out, or a run that stopped making
    /// progress (the stall watch): the system stopped answering.
    public var failure: ScenarioFailure?
    /// Scenario (virtual flight) time the steps covered.
    public var scenarioTime: Duration
    /// The agent's queues, read every few seconds of scenario time (`QueueSamples`); empty if the runner did not read them.
    package var queues: [QueueSamples.Sample] = []

    public init(transcript: Transcript, log: [TimedRecord], backendRequests: [JSONValue], failure: ScenarioFailure?, scenarioTime: Duration) {
        self.transcript = transcript
        self.log = log
        self.backendRequests = backendRequests
        self.failure = failure
        self.scenarioTime = scenarioTime
    }
}

/// Runs one generated scenario from boot to shutdown and reports what it saw.
/// Replaying and shrinking are just more calls: a seed's run is a scenario value.
public protocol ExploreRunner: Sendable {
    func observe(_ scenario: ScenarioFile) async -> Observation
}
