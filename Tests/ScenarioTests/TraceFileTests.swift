import Foundation
import JSONValue
import Testing

@testable import Scenario

/// The trace's files: the record log reader (against a log written by hand
/// from the format's description), the page's embedded data, and `diff`.
@Suite("Trace files and diff")
struct TraceFileTests {
    static let fixture = SchemaConsistencyTests.repository.appendingPathComponent("Tests/ScenarioTests/Fixtures/record-session.jsonl").path

    func temporary(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)-\(name)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aRecordLogIsReadSkippingUnknownKindsAndACutOffLine() throws {
        let log = try RecordedTrace(contentsOf: Self.fixture)
        #expect(log.header["drone"] == "192.168.10.1")
        #expect(log.events.count == 46)
        #expect(log.skippedKinds == ["future_kind": 1])
        #expect(log.badLines == ["record-session.jsonl:49"])
        #expect(log.events.first?.kind == "ws_open")
        #expect(log.events.filter { $0.kind == "drone_out" }.map { $0["text"]?.stringValue ?? "" }
            == ["command", "battery?", "takeoff", "forward 50", "cw 90", "forward 30"])
        let document = log.document(title: "session")
        let notes = document.events.filter { $0.kind == "note" }.compactMap { $0["text"]?.stringValue }
        #expect(notes.contains { $0.contains("future_kind (1)") })
        #expect(notes.contains { $0.contains("record-session.jsonl:49") })
    }

    @Test func aRotatedLogIsReadPartByPart() throws {
        let lines = try String(contentsOfFile: Self.fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0]
        let first = try temporary("s.jsonl.1", (lines[0..<20] + [""]).joined(separator: "\n"))
        let second = try temporary("s.jsonl", ([header.replacingOccurrences(of: #""version": 1"#, with: #""version": 1, "part": 2"#)] + lines[20...] + [""]).joined(separator: "\n"))
        defer { for file in [first, second] { try? FileManager.default.removeItem(atPath: file) } }
        let whole = try RecordedTrace(contentsOf: Self.fixture), parts = try RecordedTrace(parts: [first, second])
        #expect(parts.events == whole.events)
        #expect(parts.skippedKinds == whole.skippedKinds)
        #expect(parts.header == whole.header)
    }

    @Test func notARecordLogIsRefusedClearly() throws {
        #expect(throws: RecordedTraceError.self) { try RecordedTrace(text: "page: connect /\n", file: "x") }
        do {
            _ = try RecordedTrace(text: #"{"format":"tello-agent-record","version":2}"#, file: "x.jsonl")
            Issue.record("version 2 was read")
        } catch {
            #expect(error.description == "x.jsonl: record log version 2; this reader knows version 1")
        }
    }

    @Test func thePageCarriesItsDataUnchangedWhateverTheMessagesHold() throws {
        let hostile = "</script><script>window.broken = 1</script><!-- \u{2028} 起飞"
        let document = TraceDocument(
            title: "a <b> & c", source: "scenario", about: ["name": "x"], failure: nil, transcript: "page: -> \(hostile)\n",
            events: [TraceEvent(t: 0.25, kind: "ws_in", fields: ["client": "page", "text": .string(hostile)])])
        let page = TraceHTML.page(document)
        #expect(TraceHTML.document(inPage: page) == document)
        #expect(page.components(separatedBy: "</script>").count == 3)  // the blob's and the script's own, none from the data
        #expect(page.contains("<title>a &lt;b&gt; &amp; c · tello trace</title>"))
        #expect(!page.contains("src=") && !page.contains("href="))  // nothing loaded from anywhere
    }

    @Test func traceDrawsARecordLogThroughTheCommandLine() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = await ScenarioCLITests().main(["trace", Self.fixture, "-o", output])
        #expect(result.status == 0)
        #expect(result.out == ["trace: \(output) (46 events, 1 of unknown kinds skipped, 1 unreadable lines skipped)"])
        let document = try #require(TraceHTML.document(inPage: String(contentsOfFile: output, encoding: .utf8)))
        #expect(document.source == "record")
        #expect(document.events.count == 48)
        let missing = await ScenarioCLITests().main(["trace", "/nonexistent/session.jsonl"])
        #expect(missing.status == 2)
    }

    @Test func diffFindsWhereTwoTranscriptsPart() async throws {
        let a = try temporary("a.txt", "scenario: advance 1s\npage: connect /\npage: -> {\"type\":\"x\"}\npage: <- {\"ok\":true}\npage: <- {\"n\":1}\nbackend: POST /api/ai-analysis {}\n")
        let b = try temporary("b.txt", "scenario: advance 1s\npage: connect /\npage: -> {\"type\":\"x\"}\npage: <- {\"ok\":false}\npage: <- {\"n\":1}\nbackend: POST /api/ai-analysis {}\n")
        defer { for file in [a, b] { try? FileManager.default.removeItem(atPath: file) } }
        let same = await ScenarioCLITests().main(["diff", a, a])
        #expect(same.status == 0)
        #expect(same.out.joined().contains("same: 6 lines in 3 channels"))
        let different = await ScenarioCLITests().main(["diff", a, b])
        #expect(different.status == 1)
        let report = different.out.joined(separator: "\n")
        #expect(report.contains("first difference: page, line 3 of that channel"))
        #expect(report.contains("    page: -> {\"type\":\"x\"}"))
        #expect(report.contains("  A page: <- {\"ok\":true}"))
        #expect(report.contains("  B page: <- {\"ok\":false}"))
        #expect(report.contains("1 of 3 channels differ"))
        let unreadable = await ScenarioCLITests().main(["diff", a, "/nonexistent/b.txt"])
        #expect(unreadable.status == 2)
    }

    @Test func diffComparesTheDroneLinkOfTwoRecordings() throws {
        let original = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let changed = original.replacingOccurrences(of: #""text": "error Motor stop""#, with: #""text": "ok""#)
        #expect(changed != original)
        let a = try temporary("a.jsonl", original), b = try temporary("b.jsonl", changed)
        defer { for file in [a, b] { try? FileManager.default.removeItem(atPath: file) } }
        let result = try TraceDiff.compare(a, b)
        #expect(!result.same)
        #expect(result.report.contains("first difference: drone, line 12 of that channel (A at 14.900s, B at 14.900s)"))
        #expect(result.report.contains("  A drone: <- error Motor stop"))
        #expect(try TraceDiff.compare(a, a).same)
    }
}
