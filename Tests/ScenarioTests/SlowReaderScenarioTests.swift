import Foundation
import JSONValue
import Testing

@testable import Scenario

/// Clients that stop reading (`stop_reading`, `resume_reading`) and mocks
/// that never answer: read and written like every step, drawn by the
/// explorer, and what the agent does about them.
@Suite("Slow readers and hanging mocks in scenarios", .serialized)
struct SlowReaderScenarioTests {
    static let fixtures = SchemaConsistencyTests.repository.appendingPathComponent("Tests/ScenarioTests/Fixtures/slow-readers").path

    @Test func readingStepsAndTheSendQueueLimitAreReadAndWrittenBack() throws {
        let text = #"""
            {"name": "n", "setup": {"agent": {"send_queue_limit": 32768}},
             "steps": [{"connect": "page"}, {"stop_reading": "page"}, {"resume_reading": "page"}]}
            """#
        let file = try ScenarioFile(data: Data(text.utf8), path: "t.json")
        #expect(file.setup.agent.sendQueueLimit == 32768)
        let again = try ScenarioFile(data: Data(file.fileText.utf8), path: "again.json")
        #expect(again.fileText == file.fileText)
        #expect(again.fileText.contains(#"{"stop_reading":"page"}"#) && again.fileText.contains(#"{"resume_reading":"page"}"#))
        for bad in [#"{"stop_reading": ""}"#, #"{"resume_reading": "page", "for": "1s"}"#] {
            #expect(throws: ScenarioFileError.self, Comment(rawValue: bad)) {
                try ScenarioFile(data: Data(#"{"name": "n", "steps": [\#(bad)]}"#.utf8), path: "t.json")
            }
        }
        #expect(throws: ScenarioFileError.self) {
            try ScenarioFile(data: Data(#"{"name": "n", "setup": {"agent": {"send_queue_limit": 10}}, "steps": []}"#.utf8), path: "t.json")
        }
    }

    /// Status broadcasts pile up for a client that stopped reading: the agent
    /// closes it on its own with 1008, once, and answers the other client.
    @Test func aClientThatStopsReadingForGoodIsClosedWith1008() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/stops-for-good.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// With nothing to fill its queue, the keepalive ends it: the client
    /// answers no ping once it stopped reading (not even the one a read
    /// already waiting when it stopped brings in), so the agent closes it
    /// with 1011 within 90 s.
    @Test func aClientThatStopsReadingWithoutTrafficIsClosedByTheKeepalive() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/stops-without-traffic.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// Below the bound nothing is lost: the answer that waited is read on resuming.
    @Test func aClientThatStopsReadingForAWhileLosesNothing() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/stops-for-a-while.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// The explorer's workloads stop readers both ways and its mocks hang, and
    /// a seed with a client that stops reading for good is given traffic enough to fill its queue.
    @Test func theExplorerDrawsSlowReadersAndHangingMocks() {
        let generator = WorkloadGenerator()
        var forGood = 0
        var forAWhile = 0
        var backendHangs = 0
        var modelHangs = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            let scenario = generator.scenario(seed: seed)
            #expect(scenario.setup.agent.sendQueueLimit == WorkloadGenerator.sendQueueLimit)
            var paused: Set<String> = []
            for step in scenario.steps {
                if case .stopReading(let client) = step.action { paused.insert(client) }
                if case .resumeReading(let client) = step.action, paused.remove(client) != nil { forAWhile += 1 }
            }
            forGood += paused.count
            if !paused.isEmpty { #expect(scenario.setup.agent.statusInterval == .milliseconds(100)) }
            backendHangs += scenario.setup.backend.responses.filter { $0 == .hang }.count
            modelHangs += (scenario.setup.llm?.replies ?? []).filter { if case .hang = $0 { true } else { false } }.count
        }
        #expect(forGood > 0 && forAWhile > 0 && backendHangs > 0 && modelHangs > 0,
                "for good \(forGood), for a while \(forAWhile), 3002 hangs \(backendHangs), model hangs \(modelHangs)")
    }
}
