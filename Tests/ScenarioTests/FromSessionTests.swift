import FlightRecord
import Foundation
import JSONValue
import Testing
import TelloSim

@testable import Scenario

/// `tello-scenario from-session` on a hand-written log: each kind of event
/// becomes the step or setup docs/recording.md says, and the file it writes
/// is a valid scenario.
@Suite("Session to scenario")
struct FromSessionTests {
    static let header = #"{"format":"tello-agent-record","version":1,"started":"2026-01-01T00:00:00Z","drone":"192.168.10.1:8889","options":{"step_pause":"0ms","language":"en","token_required":true,"allowed_origins":["http://app.example"]}}"#

    static let events = [
        #"{"t":0.5,"kind":"ws_refused","address":"127.0.0.1:1","status":403,"reason":"origin","path":"/","origin":"http://evil.example"}"#,
        #"{"t":1.0,"kind":"ws_open","client":"c1","address":"127.0.0.1:2","path":"/?token=<redacted>","origin":"http://app.example"}"#,
        #"{"t":1.0,"kind":"ws_out","client":"c1","text":"{\"type\":\"connection_established\",\"success\":true}"}"#,
        #"{"t":1.02,"kind":"ws_in","client":"c1","text":"{\"type\":\"connect_drone\",\"id\":1}"}"#,
        #"{"t":1.2,"kind":"drone_out","text":"command"}"#,
        #"{"t":1.25,"kind":"drone_in","text":"ok"}"#,
        #"{"t":1.3,"kind":"drone_state","text":"h:0;bat:87;tof:10;"}"#,
        #"{"t":1.3,"kind":"drone_out","text":"battery?"}"#,
        #"{"t":1.4,"kind":"ws_out","client":"c1","text":"{\"type\":\"drone_status\",\"data\":{\"battery\":87}}"}"#,
        #"{"t":1.5,"kind":"ws_out","client":"c1","text":"{\"type\":\"connect_drone_response\",\"id\":1,\"success\":true,\"battery\":87,\"message\":\"connected, battery 87%\",\"timestamp\":\"x\"}"}"#,
        #"{"t":4.5,"kind":"ws_in","client":"c1","text":"{\"type\":\"drone_command\",\"id\":2,\"data\":{\"action\":\"takeoff\"}}"}"#,
        #"{"t":4.6,"kind":"drone_out","text":"takeoff"}"#,
        #"{"t":4.7,"kind":"drone_in","text":"error Motor stop"}"#,
        #"{"t":4.8,"kind":"drone_in","text":"87\r\n"}"#,
        #"{"t":4.9,"kind":"ws_out","client":"c1","text":"{\"type\":\"drone_command_response\",\"id\":2,\"success\":false,\"error\":\"<think>\",\"data\":{\"height\":0}}"}"#,
        #"{"t":5.0,"kind":"backend_post","id":1,"url":"http://localhost:3002/api/ai-analysis","body":"{}"}"#,
        #"{"t":5.1,"kind":"backend_reply","id":1,"status":500}"#,
        #"{"t":5.2,"kind":"backend_post","id":2,"url":"http://localhost:3002/api/ai-analysis","body":"{}"}"#,
        #"{"t":10.2,"kind":"backend_reply","id":2,"error":"timed out"}"#,
        #"{"t":5.3,"kind":"llm_request","id":1,"provider":"ollama","url":"http://127.0.0.1:11434/api/chat","body":"{\"model\":\"qwen\"}"}"#,
        #"{"t":5.4,"kind":"llm_reply","id":1,"status":200,"body":"{\"message\":{\"content\":\"{\\\"commands\\\":[]}\"}}"}"#,
        #"{"t":5.5,"kind":"future_kind","x":1}"#,
        #"{"t":6.0,"kind":"ws_close","client":"c1","code":1005,"reason":"","initiator":"client"}"#,
        #"{"t":6.1,"kind":"ws_out","client":"c1","text":"{\"type\":\"late\"}"}"#,
    ]

    static func converted() throws -> (text: String, json: JSONValue) {
        let log = try RecordLog(texts: [("field.jsonl", ([header] + events).joined(separator: "\n"))])
        let text = try SessionConversion.scenario(from: log, name: "field", source: "field.jsonl")
        return (text, try JSONValue(parsing: text))
    }

    @Test func theFileIsAScenarioTheRunnerReads() throws {
        let (text, _) = try Self.converted()
        let file = try ScenarioFile(data: Data(text.utf8), path: "field.json")
        #expect(file.name == "field")
        #expect(file.setup.agent.token == SessionConversion.replayToken)
        #expect(file.setup.agent.stepPause == .zero)
        #expect(file.setup.agent.allowedOrigins == ["http://app.example"])
        #expect(file.setup.simulator.battery == 87)
        #expect(file.setup.simulator.script == [
            ScriptedCommand(command: "command", answers: [ScriptedAnswer(text: "ok", delayMilliseconds: 50)]),
            ScriptedCommand(command: "battery?", answers: []),
            ScriptedCommand(command: "takeoff", answers: [ScriptedAnswer(text: "error Motor stop", delayMilliseconds: 100),
                                                           ScriptedAnswer(text: "87\r\n", delayMilliseconds: 200)]),
        ])
        #expect(file.setup.backend.responses == [.reply(status: 500), .hang])
        #expect(file.setup.llm == LLMScript(provider: "ollama", model: "qwen", replies: [.content(#"{"commands":[]}"#)]))
    }

    @Test func clientsBecomeStepsAndTheAgentsMessagesExpectations() throws {
        let steps = try #require(try Self.converted().json["steps"]?.arrayValue)
        #expect(steps[0] == ["connect": "refused1", "origin": "http://evil.example", "expect_refusal": 403])
        #expect(steps[1] == ["advance": "500ms"])
        #expect(steps[2] == ["connect": "c1", "path": "/?token=replay-token", "origin": "http://app.example"])
        #expect(steps[3]["expect"] == "c1")
        #expect(steps[4] == ["send": "c1", "json": ["type": "connect_drone", "id": 1]])
        // drone_status is left out; the battery and the time are generalised, the rest kept.
        #expect(steps[5]["message"] == [
            "type": "connect_drone_response", "id": 1, "success": true, "battery": "<number>",
            "message": ["$includes": "connected, battery "], "timestamp": "*",
        ])
        // The user's three-second pause is kept; then the takeoff and its refusal.
        #expect(steps[6] == ["advance": "3s"])
        #expect(steps[7]["send"] == "c1")
        // A text that looks like a pattern is taken literally; a reading is any number.
        #expect(steps[8]["message"]?["error"] == ["$literal": "<think>"])
        #expect(steps[8]["message"]?["data"] == ["height": "<number>"])
        #expect(steps[8]["within"] == "10s")
        // The client's close without status, and nothing for it after.
        #expect(steps.last == ["close_without_status": "c1"])
        #expect(steps.count == 11)
    }

    @Test func theDescriptionSumsTheDroneUp() throws {
        let description = try #require(try Self.converted().json["description"]?.stringValue)
        #expect(description.contains("the drone at 192.168.10.1:8889"))
        #expect(description.contains("battery? x1, 1 unanswered"))
        #expect(description.contains("takeoff x1 answered after 100ms, 1 extra answers (late or duplicate), errors: error Motor stop"))
    }

    @Test func aBackendThatRefusedEverythingIsDownAndTheAgentsGoodbyeIsLeftOut() throws {
        let lines = [
            Self.header,
            #"{"t":1,"kind":"ws_open","client":"c1","address":"a","path":"/"}"#,
            #"{"t":2,"kind":"backend_post","id":1,"url":"u","body":"{}"}"#,
            #"{"t":2,"kind":"backend_reply","id":1,"error":"refused"}"#,
            #"{"t":3,"kind":"ws_close","client":"c2","code":4000,"reason":"bye","initiator":"agent"}"#,
            #"{"t":9,"kind":"ws_close","client":"c1","code":1001,"reason":"agent shutting down","initiator":"agent"}"#,
        ]
        let log = try RecordLog(texts: [("x", lines.joined(separator: "\n"))])
        let json = try JSONValue(parsing: try SessionConversion.scenario(from: log, name: "x", source: "x"))
        #expect(json["setup"]?["backend"] == ["down": true])
        let steps = try #require(json["steps"]?.arrayValue)
        #expect(steps == [["connect": "c1"], ["expect_closed": "c2", "code": 4000, "within": "10s"]])
    }

    @Test func aMessageKeptBySizeOnlyIsSentAsATextOfThatSize() throws {
        let lines = [
            Self.header,
            #"{"t":1,"kind":"ws_open","client":"c1","address":"a","path":"/"}"#,
            #"{"t":1,"kind":"ws_in","client":"c1","text_bytes":300000}"#,
            #"{"t":1,"kind":"ws_in","client":"c1","binary":3}"#,
        ]
        let log = try RecordLog(texts: [("big", lines.joined(separator: "\n"))])
        let steps = try JSONValue(parsing: try SessionConversion.scenario(from: log, name: "big", source: "big"))["steps"]?.arrayValue
        #expect(steps?.dropFirst().first == ["send": "c1", "filler_bytes": 300000])
        #expect(steps?.last == ["send": "c1", "binary_hex": "000000"])
    }

    /// What the drone was seen to do next to the preflight's prediction depends on the real
    /// drone's body and the recording machine's timing, which a replay does not reproduce.
    @Test func divergencesAreNeitherExpectedNorCompared() throws {
        let lines = [
            Self.header,
            #"{"t":1,"kind":"ws_open","client":"c1","address":"a","path":"/"}"#,
            #"{"t":2,"kind":"ws_out","client":"c1","text":"{\"type\":\"divergence\",\"data\":{\"step\":1,\"quantity\":\"duration\",\"predicted\":5,\"observed\":14,\"threshold\":13}}"}"#,
            #"{"t":3,"kind":"ws_out","client":"c1","text":"{\"type\":\"natural_language_command_response\",\"success\":true,\"divergences\":[{\"step\":1}]}"}"#,
        ]
        let log = try RecordLog(texts: [("d", lines.joined(separator: "\n"))])
        let steps = try JSONValue(parsing: try SessionConversion.scenario(from: log, name: "d", source: "d"))["steps"]?.arrayValue
        #expect(steps?.count == 2)
        #expect(steps?.last?["message"] == ["type": "natural_language_command_response", "success": true, "divergences": "*"])
    }

    @Test func theBatteryDrainIsMeasuredInFlightAndOnTheGround() throws {
        // Two minutes on the ground losing 1 %, then two minutes in the air losing 6 %.
        var lines = [Self.header, #"{"t":0,"kind":"ws_open","client":"c1","address":"a","path":"/"}"#]
        for (second, height, battery) in [(0, 0, 100), (60, 0, 100), (120, 100, 99), (180, 100, 96), (240, 100, 93)] {
            lines.append(#"{"t":\#(second),"kind":"drone_state","text":"h:\#(height);bat:\#(battery);"}"#)
        }
        let log = try RecordLog(texts: [("drain", lines.joined(separator: "\n"))])
        let text = try SessionConversion.scenario(from: log, name: "drain", source: "drain")
        let file = try ScenarioFile(data: Data(text.utf8), path: "drain.json")
        #expect(file.setup.simulator.battery == 100)
        #expect(file.setup.simulator.flightDrain == 3)
        #expect(file.setup.simulator.idleDrain == 0.5)
    }

    @Test func aSessionWithoutClientsIsRefused() throws {
        let log = try RecordLog(texts: [("quiet.jsonl", Self.header + "\n" + #"{"t":1,"kind":"drone_out","text":"command"}"#)])
        #expect(throws: SessionConversionError.self) { try SessionConversion.scenario(from: log, name: "q", source: "quiet.jsonl") }
    }
}
