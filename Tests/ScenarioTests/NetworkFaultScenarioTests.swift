import Foundation
import JSONValue
import TestSupport
import Testing

@testable import Scenario

/// The network faults (`network`, `partition`, `heal`): read and written
/// like every fault, carried out by the in-memory network between agent and
/// drone, and refused over real sockets rather than passed as if they struck.
@Suite("Network faults in scenarios", .serialized)
struct NetworkFaultScenarioTests {
    static let fixtures = SchemaConsistencyTests.repository.appendingPathComponent("Tests/ScenarioTests/Fixtures/network-faults").path

    func faults(_ steps: String) throws -> [SimulatorFault] {
        let file = try ScenarioFile(data: Data(#"{"name": "n", "steps": [\#(steps)]}"#.utf8), path: "t.json")
        return file.steps.compactMap { step in
            if case .fault(let fault) = step.action { return fault }
            return nil
        }
    }

    @Test func networkFaultsAreReadWithTheirDefaultsAndWrittenBack() throws {
        let read = try faults(
            #"""
            {"fault": {"kind": "network", "loss": 0.25, "duplication": 1, "delay": "20ms", "jitter": "1.5s"}},
            {"fault": {"kind": "network", "jitter": "300ms"}},
            {"fault": {"kind": "partition"}}, {"fault": {"kind": "heal"}}
            """#)
        #expect(read == [
            .network(loss: 0.25, duplication: 1, delay: .milliseconds(20), jitter: .milliseconds(1500)),
            .network(loss: 0, duplication: 0, delay: .zero, jitter: .milliseconds(300)),
            .partition, .heal,
        ])
        #expect(read.allSatisfy { $0.isNetworkFault })
        let simulatorFaults: [SimulatorFault] = [.clear, .linkDown, .loss(direction: .both, rate: 1)]
        #expect(!simulatorFaults.contains { $0.isNetworkFault })
        let written = read.map { #"{"fault": \#($0.json.text)}"# }.joined(separator: ", ")
        #expect(try faults(written) == read)
    }

    @Test func badNetworkFaultsAreRefused() {
        for bad in [
            #"{"fault": {"kind": "network", "loss": 1.5}}"#, #"{"fault": {"kind": "network", "rate": 0.5}}"#,
            #"{"fault": {"kind": "network", "delay": "soon"}}"#, #"{"fault": {"kind": "partition", "host": "drone"}}"#,
        ] {
            #expect(throws: ScenarioFileError.self, Comment(rawValue: bad)) { try faults(bad) }
        }
    }

    /// Cut off, a takeoff gets no reply and fails and the drone stays down;
    /// healed, the next one flies. Played twice: identical transcripts.
    @Test func aPartitionCutsTheDroneOffUntilHealed() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/partition.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// Every datagram doubled and shuffled: the drone gets the turn twice,
    /// the agent sent it once and answers once.
    @Test func duplicationDeliversTwiceWhatTheAgentSentOnce() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/duplication.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// Over real sockets there is no network to set: the fault's step fails and says why.
    @Test func liveRunsRefuseNetworkFaults() async throws {
        let run = try await ExitedProcess.run("tello-scenario", ["run", Self.fixtures + "/partition.json", "--live"], within: 120)
        #expect(run.status == 1, Comment(rawValue: run.standardOutput + run.standardError))
        #expect(run.standardOutput.contains("step 4 (fault {\"kind\":\"partition\"})"))
        #expect(run.standardOutput.contains("network faults need the in-memory runner"))
    }
}
