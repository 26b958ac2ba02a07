import Foundation
import JSONValue
import TestSupport
import Testing

@testable import Scenario

/// The stream faults (`connection_reset`, `half_close`): a client's
/// connection broken by the in-memory network, read and written like every
/// fault, drawn by the explorer, and refused over real sockets rather than
/// passed as if they struck.
@Suite("Stream faults in scenarios", .serialized)
struct StreamFaultScenarioTests {
    static let fixtures = SchemaConsistencyTests.repository.appendingPathComponent("Tests/ScenarioTests/Fixtures/stream-faults").path

    func file(_ steps: String, setup: String = "{}") throws -> ScenarioFile {
        try ScenarioFile(data: Data(#"{"name": "n", "setup": \#(setup), "steps": [\#(steps)]}"#.utf8), path: "t.json")
    }

    @Test func streamFaultsAreReadAndWrittenBackWithTheirClient() throws {
        let steps = #"{"fault": {"kind": "connection_reset", "client": "page"}}, {"fault": {"kind": "half_close", "client": "other"}}"#
        let read = try file(steps).steps.compactMap { step -> SimulatorFault? in
            if case .fault(let fault) = step.action { return fault }
            return nil
        }
        #expect(read == [.connectionReset(client: "page"), .halfClose(client: "other")])
        #expect(read.map(\.streamClient) == ["page", "other"])
        #expect(read.allSatisfy { $0.isNetworkFault })
        let written = read.map { #"{"fault": \#($0.json.text)}"# }.joined(separator: ", ")
        #expect(try file(written).steps.count == 2)
    }

    @Test func aStreamFaultNeedsItsClientAndIsNoSetupFault() {
        for bad in [#"{"fault": {"kind": "connection_reset"}}"#, #"{"fault": {"kind": "half_close", "client": ""}}"#,
                    #"{"fault": {"kind": "half_close", "client": "page", "side": "agent"}}"#] {
            #expect(throws: ScenarioFileError.self, Comment(rawValue: bad)) { try file(bad) }
        }
        #expect(throws: ScenarioFileError.self) {
            try file("", setup: #"{"simulator": {"faults": [{"kind": "connection_reset", "client": "page"}]}}"#)
        }
    }

    /// The reset client's session is removed once, logged as a 1006 with the
    /// reset as its reason, nothing at error; the other client is answered.
    /// Played twice: identical transcripts.
    @Test func aResetConnectionEndsOneSessionOnceAndSparesTheOthers() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/connection-reset.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// A FIN without a close frame: the same, and the client sees the agent close.
    @Test func aHalfClosedConnectionEndsOneSessionOnceAndSparesTheOthers() async throws {
        let outcome = try await ScenarioLibraryTests.inMemory(Self.fixtures + "/half-close.json")
        #expect(outcome.passed, Comment(rawValue: ConsoleReport.failureDetail(outcome)))
    }

    /// The explorer's schedules break connections both ways.
    @Test func theExplorerDrawsBothStreamFaults() {
        let generator = WorkloadGenerator()
        var kinds: Set<String> = []
        for seed in 1...100 as ClosedRange<UInt64> {
            for step in generator.scenario(seed: seed).steps {
                if case .fault(let fault) = step.action, fault.streamClient != nil { kinds.insert(fault.json["kind"]?.stringValue ?? "") }
            }
        }
        #expect(kinds == ["connection_reset", "half_close"])
    }

    /// Over real sockets the runner has no hold on the connection: the step fails and says why.
    @Test func liveRunsRefuseStreamFaults() async throws {
        let run = try await ExitedProcess.run("tello-scenario", ["run", Self.fixtures + "/half-close.json", "--live"], within: 120)
        #expect(run.status == 1, Comment(rawValue: run.standardOutput + run.standardError))
        #expect(run.standardOutput.contains("step 5 (fault {\"client\":\"page\",\"kind\":\"half_close\"})"), Comment(rawValue: run.standardOutput))
        #expect(run.standardOutput.contains("half_close needs the in-memory network"), Comment(rawValue: run.standardOutput))
    }
}
