import Foundation
import JSONValue
import Testing

@testable import Scenario

/// A traced run of the real agent (the `tello-scenario` executable, a process
/// of its own as the library's runs are): the HTML's embedded data, read back,
/// holds the transcript's events in the transcript's order, the failed step
/// with what was expected and received, and the drone's side of the run; and
/// tracing changes nothing the transcript records.
@Suite("HTML trace against the transcript", .serialized)
struct TraceAgreementTests {
    /// normal-command, expecting the drone 15 cm further than it flies, with a
    /// loss fault during the order: a failing run with a fault period.
    static func brokenScenario() throws -> String {
        let library = SchemaConsistencyTests.repository.appendingPathComponent("scenarios/normal-command.json")
        var scenario = try JSONValue(parsing: Data(contentsOf: library)).objectValue ?? [:]
        scenario["name"] = "normal-command-broken"
        var steps = scenario["steps"]?.arrayValue ?? []
        for (index, step) in steps.enumerated() where step["expect_drone"] != nil {
            var object = step.objectValue ?? [:]
            var drone = object["expect_drone"]?.objectValue ?? [:]
            drone["position_cm"] = ["x": 45, "y": 0, "z": 0]
            object["expect_drone"] = .object(drone)
            steps[index] = .object(object)
        }
        steps.insert(["fault": ["kind": "loss", "rate": 0.2, "direction": "both"]], at: 4)
        steps.insert(["fault": ["kind": "clear"]], at: 6)
        scenario["steps"] = .array(steps)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-agreement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("broken.json")
        try JSONValue.object(scenario).encoded().write(to: file)
        return file.path
    }

    static func tool() throws -> URL {
        let executable = Bundle.main.bundleURL.appendingPathComponent("tello-scenario")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build tello-scenario first (swift build)")
        return executable
    }

    /// The transcript as `--verbose` printed it after `--- transcript of NAME`.
    static func printedTranscript(_ output: String, name: String) -> String {
        guard let start = output.range(of: "--- transcript of \(name)\n") else { return "" }
        return String(output[start.upperBound...])
    }

    /// The transcript rebuilt from the trace alone: each event that carries a
    /// transcript line and is not left out, grouped by channel as transcripts are.
    static func transcript(from document: TraceDocument) -> String {
        let lines = document.events.filter { $0["line"] != nil && $0["ignored"] != true }
        var clients: [String] = []
        for event in lines {
            let channel = event["channel"]?.stringValue ?? ""
            if !["scenario", "backend"].contains(channel), !clients.contains(channel) { clients.append(channel) }
        }
        return (["scenario"] + clients + ["backend"]).flatMap { channel in
            lines.filter { $0["channel"]?.stringValue == channel }.map { "\(channel): \($0["line"]?.stringValue ?? "")\n" }
        }.joined()
    }

    @Test func theTraceHoldsTheTranscriptTheFailureAndTheDrone() async throws {
        let scenario = try Self.brokenScenario()
        let folder = (scenario as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let traces = folder + "/traces"
        let (status, output) = try await ScenarioLibraryTests.run(try Self.tool(), ["run", scenario, "--trace", traces, "--verbose"])
        #expect(status == 1, Comment(rawValue: output))
        let page = try String(contentsOfFile: traces + "/normal-command-broken-run1.html", encoding: .utf8)
        let document = try #require(TraceHTML.document(inPage: page))

        let printed = Self.printedTranscript(output, name: "normal-command-broken")
        #expect(!printed.isEmpty)
        #expect(document.transcript.map { printed.hasPrefix($0) } == true)
        #expect(Self.transcript(from: document) == document.transcript)

        // The failed step, with what it expected and what it got.
        let failure = try #require(document.failure)
        #expect(failure["step_index"] == 8)
        #expect(failure["expected"]?.stringValue?.contains("x 45") == true)
        let failedStep = document.events.filter { $0.kind == "step_end" && $0["ok"] == false }
        #expect(failedStep.count == 1)
        #expect(failedStep.first?["index"] == 8)
        #expect(failedStep.first?["received"] == failure["received"])

        // What the transcript does not hold: the drone link, the ground truth, the faults, the 3002 reply.
        let kinds = Dictionary(grouping: document.events, by: \.kind).mapValues(\.count)
        #expect(document.events.contains { $0.kind == "drone_out" && $0["text"] == "takeoff" })
        #expect(document.events.contains { $0.kind == "drone_in" && $0["text"] == "ok" })
        #expect((kinds["truth"] ?? 0) > 10)
        #expect(kinds["fault"] == 2)
        #expect(kinds["backend_reply"] == 1)
        #expect(document.events.map(\.t) == document.events.map(\.t).sorted())
        let landed = try #require(document.events.last { $0.kind == "truth" })
        #expect(landed["x"]?.doubleValue.map { abs($0 - 30) < 5 } == true)
    }

    @Test func tracingChangesNoTranscript() async throws {
        // The broken scenario loses a fifth of the datagrams both ways: a tap that rolled
        // the simulator's dice, or held a datagram back, would lose different ones.
        let scenario = try Self.brokenScenario()
        let folder = (scenario as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (plainStatus, plain) = try await ScenarioLibraryTests.run(try Self.tool(), ["run", scenario, "--verbose"])
        let (tracedStatus, traced) = try await ScenarioLibraryTests.run(try Self.tool(), ["run", scenario, "--verbose", "--trace", folder, "--trace-all"])
        #expect(plainStatus == 1, Comment(rawValue: plain))
        #expect(tracedStatus == 1, Comment(rawValue: traced))
        let name = "normal-command-broken"
        #expect(!Self.printedTranscript(plain, name: name).isEmpty)
        #expect(Self.printedTranscript(plain, name: name) == Self.printedTranscript(traced, name: name))
    }

    @Test func aPassingRunIsTracedOnlyWhenAskedAndHasNoFailure() async throws {
        let library = SchemaConsistencyTests.repository.appendingPathComponent("scenarios/close-1005.json").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-pass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (status, output) = try await ScenarioLibraryTests.run(try Self.tool(), ["run", library, "--trace", folder])
        #expect(status == 0, Comment(rawValue: output))
        #expect(!FileManager.default.fileExists(atPath: folder + "/close-1005-run1.html"))
        let (allStatus, allOutput) = try await ScenarioLibraryTests.run(try Self.tool(), ["run", library, "--trace", folder, "--trace-all", "--verbose"])
        #expect(allStatus == 0, Comment(rawValue: allOutput))
        let page = try String(contentsOfFile: folder + "/close-1005-run1.html", encoding: .utf8)
        let document = try #require(TraceHTML.document(inPage: page))
        #expect(document.failure == nil)
        #expect(Self.transcript(from: document) == document.transcript)
        #expect(Self.printedTranscript(allOutput, name: "close-1005").hasPrefix(document.transcript ?? "-"))
        #expect(document.events.contains { $0.kind == "ws_close" && $0["initiator"] == "client" && $0["code"] == .null })
    }
}
