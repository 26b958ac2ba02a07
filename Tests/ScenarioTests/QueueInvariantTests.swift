import Agent
import AgentAssembly
import Testing

@testable import Scenario

/// `bounded` over the agent's queues and `slow-reader-closed`, over made-up
/// readings: a healthy run passes, the one change that breaks it is reported.
@Suite("Queue and slow-reader invariants")
struct QueueInvariantTests {
    func sizes(_ queues: [(String, Int)], outbox: Int = 0, commands: Int = 0) -> QueueSizes {
        QueueSizes(sendQueues: queues.map { SendQueueSize(client: $0.0, bytes: $0.1, limit: 32_768) },
                   outbox: outbox, outboxLimit: 1000, commands: commands, commandsLimit: 100)
    }

    func violations(_ readings: [(Double, QueueSizes)], steps: [StepAction] = [], connected: [String] = ["c1"],
                    scenarioTime: Duration = .seconds(200)) -> [Violation] {
        var transcript = Transcript()
        for client in connected { transcript.record(.connected(client: client, path: "/", origin: nil)) }
        var observation = Observation(transcript: transcript, log: [], backendRequests: [], failure: nil, scenarioTime: scenarioTime)
        observation.queues = readings.map { QueueSamples.Sample(time: .milliseconds(Int64($0.0 * 1000)), sizes: $0.1) }
        let scenario = ScenarioFile(name: "t", steps: steps.enumerated().map { ScenarioStep(index: $0.offset, action: $0.element) })
        return InvariantCheck.violations(observation, of: scenario)
    }

    @Test func queuesWithinTheirBoundsPass() {
        #expect(violations([(1, sizes([("c1", 32_768 + InvariantCheck.closeFrameRoom)], outbox: 1000, commands: 100))]).isEmpty)
    }

    @Test func eachQueuePastItsBoundIsReportedOnceAtItsWorst() {
        let found = violations([
            (1, sizes([("c1", 40_000)])), (2, sizes([("c1", 90_000), ("c2", 10)], outbox: 1001)), (3, sizes([("c1", 50_000)], commands: 101)),
        ], connected: ["c1", "c2"])
        #expect(found.map(\.invariant) == [.bounded, .bounded, .bounded])
        #expect(found.first?.detail == "session c1's send queue held 90000 bytes, past its bound of 32768")
    }

    /// Paused for good at 10 s: still a session at 110 s breaks it; gone by then, or resumed, does not.
    @Test func aClientThatStoppedReadingForGoodMustBeClosedByTheAgent() {
        let paused: [StepAction] = [.advance(.seconds(10)), .stopReading(client: "c1"), .advance(.seconds(150))]
        let stillThere = violations([(50, sizes([("c1", 32_000)])), (110, sizes([("c1", 32_000)]))], steps: paused)
        #expect(stillThere.map(\.invariant) == [.slowReaderClosed])
        #expect(stillThere.first?.detail.contains("c1 stopped reading at 10s") == true, Comment(rawValue: stillThere.first?.detail ?? ""))
        #expect(violations([(50, sizes([("c1", 32_000)])), (110, sizes([]))], steps: paused).isEmpty)
        let resumed = paused + [.resumeReading(client: "c1")]
        #expect(violations([(110, sizes([("c1", 0)]))], steps: resumed).isEmpty)
        // A run that ended before the deadline says nothing about it.
        #expect(violations([(50, sizes([("c1", 32_000)]))], steps: paused, scenarioTime: .seconds(60)).isEmpty)
    }

    /// A client that stopped reading cannot have seen its answers: it is not held to them.
    @Test func aClientThatStoppedReadingNeedNotHaveSeenItsAnswers() {
        let request: StepAction = .send(client: "c1", payload: .json(["type": "get_status", "id": "c1-1"]))
        var transcript = Transcript()
        transcript.record(.connected(client: "c1", path: "/", origin: nil))
        transcript.record(.sent(client: "c1", payload: .json(["type": "get_status", "id": "c1-1"])))
        let observation = Observation(transcript: transcript, log: [], backendRequests: [], failure: nil, scenarioTime: .seconds(10))
        func answered(_ steps: [StepAction]) -> [Invariant] {
            let scenario = ScenarioFile(name: "t", steps: steps.enumerated().map { ScenarioStep(index: $0.offset, action: $0.element) })
            return InvariantCheck.violations(observation, of: scenario).map(\.invariant)
        }
        #expect(answered([.stopReading(client: "c1"), request]).isEmpty)
        #expect(answered([.stopReading(client: "c1"), request, .resumeReading(client: "c1")]) == [.answeredOnce])
    }
}
