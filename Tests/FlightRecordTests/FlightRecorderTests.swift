import Clocks
import FlightRecord
import Foundation
import JSONValue
import Testing

/// The recorder's file: header, events in order, the buffer's bound and the
/// file's bound, each with the note that says what was dropped.
@Suite struct FlightRecorderTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("flight-record-\(UUID().uuidString)-\(name)").path
    }

    /// Runs the writer while `body` records, then finishes it and awaits its end.
    static func recording(_ recorder: FlightRecorder, _ body: () -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await recorder.run() }
            body()
            recorder.finish()
        }
    }

    @Test func writesTheHeaderThenEachEventInOrderWithItsTime() async throws {
        let path = Self.temporaryPath("order.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let time = VirtualTime()
        let recorder = try FlightRecorder(path: path, drone: "embedded", options: ["step_pause": "0ms"], time: time)
        await Self.recording(recorder) {
            recorder.record(.wsOpen(client: "c1", address: "127.0.0.1:5000", path: "/", origin: nil))
            time.advance(by: .milliseconds(1500))
            recorder.record(.wsInText(client: "c1", text: #"{"type":"connect_drone"}"#))
            recorder.record(.droneOut("command"))
            recorder.record(.droneIn("ok"))
        }
        let log = try RecordLog(paths: [path])
        #expect(log.drone == "embedded")
        #expect(log.options["step_pause"] == "0ms")
        #expect(log.header["started"]?.stringValue?.hasSuffix("Z") == true)
        #expect(log.events.map(\.kind) == ["ws_open", "ws_in", "drone_out", "drone_in"])
        #expect(log.events.map(\.t) == [0, 1.5, 1.5, 1.5])
        #expect(log.events[1].string("text") == #"{"type":"connect_drone"}"#)
    }

    @Test func aFullBufferDropsNewEventsAndSaysHowMany() async throws {
        let path = Self.temporaryPath("drops.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = FlightRecorder.Limits()
        limits.bufferedEvents = 10
        let recorder = try FlightRecorder(path: path, drone: "embedded", options: [:], limits: limits, time: VirtualTime())
        // Recorded before the writer runs: the buffer holds ten, the rest are counted.
        for number in 1...25 { recorder.record(.droneOut("command \(number)")) }
        #expect(recorder.droppedEvents == 15)
        await Self.recording(recorder) {}
        let log = try RecordLog(paths: [path])
        #expect(log.events.filter { $0.kind == "drone_out" }.map { $0.string("text") } == (1...10).map { "command \($0)" })
        let notes = log.events.filter { $0.kind == "note" }.compactMap { $0.string("text") }
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("dropped 15 events") == true)
    }

    @Test func theFilesStayUnderTheBoundAndTheNewestPartSaysWhatWasDropped() async throws {
        let path = Self.temporaryPath("bound.jsonl")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".1")
        }
        var limits = FlightRecorder.Limits()
        limits.maxBytes = 8192
        let recorder = try FlightRecorder(path: path, drone: "embedded", options: [:], limits: limits, time: VirtualTime())
        let state = String(repeating: "h:0;", count: 20)
        await Self.recording(recorder) {
            for number in 1...400 { recorder.record(.droneState("\(number) \(state)")) }
        }
        let sizes = try [path, path + ".1"].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        #expect(sizes.reduce(0, +) <= 8192, "sizes \(sizes)")
        let newest = try RecordLog(paths: [path])
        let note = try #require(newest.events.first { $0.kind == "note" }?.string("text"))
        #expect(note.contains("dropped the") && note.contains("oldest events"), "\(note)")
        // Both parts read in order are the session's latest stretch, ending with the last event.
        let both = try RecordLog(paths: [path + ".1", path])
        let states = both.events.filter { $0.kind == "drone_state" }.compactMap { $0.string("text")?.split(separator: " ").first }
        #expect(states.last == "400")
        #expect(states.map { Int($0)! } == Array(Int(states.first!)!...400))
    }

    @Test func secretsNeverReachTheFile() async throws {
        let path = Self.temporaryPath("secrets.jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try FlightRecorder(path: path, drone: "embedded", options: ["token": "opt-secret-1"],
                                          redaction: Redaction(secrets: ["tok-secret-2", "sk-secret-3"]), time: VirtualTime())
        await Self.recording(recorder) {
            recorder.record(.wsOpen(client: "c1", address: "127.0.0.1:5000", path: "/?x=1&token=tok-secret-2", origin: nil))
            recorder.record(.wsInText(client: "c1", text: #"{"type":"update_ai_settings","data":{"api_key":"sk-other-4","provider":"openai"}}"#))
            recorder.record(.wsInText(client: "c1", text: "plain text with sk-secret-3 inside"))
            recorder.record(.llmRequest(id: 1, provider: "azure", url: "https://user:pw-secret-5@example.invalid/x?api-key=k-secret-6&v=1",
                                        body: #"{"messages":[]}"#))
            recorder.record(.wsOutText(client: "c1", text: #"{"Authorization":"Bearer sk-secret-3"}"#))
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in ["opt-secret-1", "tok-secret-2", "sk-secret-3", "sk-other-4", "pw-secret-5", "k-secret-6"] {
            #expect(!text.contains(secret), "\(secret) is in the recording")
        }
        let log = try RecordLog(paths: [path])
        #expect(log.events[0].string("path") == "/?x=1&token=<redacted>")
        #expect(log.events[3].string("url") == "https://<redacted>@example.invalid/x?api-key=<redacted>&v=1")
        #expect(try JSONValue(parsing: log.events[1].string("text")!)["data"]?["provider"] == "openai")
    }

    @Test func aLogThatIsNotOneIsRefusedWithTheLine() throws {
        #expect(throws: RecordLogError.self) { try RecordLog(texts: [("a", "{\"t\":1,\"kind\":\"note\"}")]) }
        do {
            _ = try RecordLog(texts: [("b", "{\"format\":\"tello-agent-record\",\"version\":1}\nnot json")])
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("b: line 2"))
        }
        // Unknown kinds are kept for readers to ignore.
        let log = try RecordLog(texts: [("c", "{\"format\":\"tello-agent-record\",\"version\":1}\n{\"t\":0.5,\"kind\":\"future\",\"x\":1}")])
        #expect(log.events.first?.kind == "future")
    }
}

/// The writer's shortcut for broadcasts writes what the general path writes.
@Suite struct LineRendererTests {
    @Test func aBroadcastLineIsTheSameAsTheGeneralOne() async throws {
        let redaction = Redaction(secrets: ["sekrit-token"])
        let texts = [#"{"type":"drone_status","data":{"battery":87}}"#, "quote \" backslash \\ newline \n 中文 sekrit-token", ""]
        let recorderLines = texts.flatMap { text in
            ["c1", "c2"].map { client in (RecordEvent.wsOutText(client: client, text: text), 12.345678) }
        }.map { event, t in event.line(at: t, redaction) + "\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("renderer-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let time = VirtualTime(start: .seconds(100))
        let recorder = try FlightRecorder(path: path, drone: "embedded", options: [:], redaction: redaction, time: time)
        time.advance(by: .microseconds(12_345_678))
        await FlightRecorderTests.recording(recorder) {
            for text in texts { for client in ["c1", "c2"] { recorder.record(.wsOutText(client: client, text: text)) } }
        }
        let written = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            .dropFirst().map { String($0) + "\n" }
        #expect(written == recorderLines)
        #expect(!written.joined().contains("sekrit-token"))
    }
}

/// One huge message cannot fill the file: beyond 256 KiB only its size is kept.
@Suite struct HugeMessageTests {
    @Test func aTextOverTheLimitIsRecordedBySizeOnly() throws {
        let huge = #"{"type":"x","api_key":"sk-hidden","pad":""# + String(repeating: "y", count: RecordEvent.maxText) + #""}"#
        let line = try JSONValue(parsing: RecordEvent.wsInText(client: "c1", text: huge).line(at: 1, Redaction()))
        #expect(line["text"] == nil)
        #expect(line["text_bytes"]?.intValue == huge.utf8.count)
        let small = try JSONValue(parsing: RecordEvent.wsInText(client: "c1", text: "hello").line(at: 1, Redaction()))
        #expect(small["text"] == "hello" && small["text_bytes"] == nil)
    }
}
