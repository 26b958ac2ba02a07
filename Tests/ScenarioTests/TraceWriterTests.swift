import Foundation
import JSONValue
import Testing

@testable import Scenario

/// Which runs `--trace` writes.
@Suite("Traces written by a library run")
struct TraceWriterTests {
    func folder() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("traces-\(UUID().uuidString)").path }

    @Test func aRunThatPartsFromRunOneIsTracedBesideRunOne() async throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let engine = ScriptedEngine { _, run in
            SingleRun(transcript: LibraryRunTests.transcript(run < 3 ? "x" : "y"), failure: nil, scenarioTime: .seconds(1),
                      trace: [TraceEvent(t: 0, kind: "note", fields: ["text": .string("run \(run)")])])
        }
        let scenario = ScenarioFile(path: "a.json", name: "a/b", steps: [])
        let lines = Lines()
        let outcomes = await LibraryRun(engine: engine, repeats: 5, traces: TraceWriter(directory: dir, all: false), output: { lines.append($0) }).run([scenario])
        #expect(outcomes.first?.passed == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a_b-run1.html", "a_b-run3.html"])
        let third = try #require(TraceHTML.document(inPage: String(contentsOfFile: dir + "/a_b-run3.html", encoding: .utf8)))
        #expect(third.events.first?["text"] == "run 3")
        #expect(third.failure?["step"]?.stringValue?.contains("differs from run 1") == true)
        let first = try #require(TraceHTML.document(inPage: String(contentsOfFile: dir + "/a_b-run1.html", encoding: .utf8)))
        #expect(first.failure == nil)
        #expect(lines.all.contains("trace: \(dir)/a_b-run3.html"))
    }

    @Test func passingRunsAreTracedOnlyWithAll() async throws {
        let engine = ScriptedEngine { _, _ in
            SingleRun(transcript: LibraryRunTests.transcript("x"), failure: nil, scenarioTime: .seconds(1), trace: [])
        }
        let scenario = ScenarioFile(path: "a.json", name: "a", steps: [])
        for all in [false, true] {
            let dir = folder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            _ = await LibraryRun(engine: engine, repeats: 2, traces: TraceWriter(directory: dir, all: all), output: { _ in }).run([scenario])
            let written = (try? FileManager.default.contentsOfDirectory(atPath: dir).sorted()) ?? []
            #expect(written == (all ? ["a-run1.html", "a-run2.html"] : []))
        }
    }
}
