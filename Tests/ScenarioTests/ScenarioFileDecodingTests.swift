import Foundation
import JSONValue
import Logs
import Testing

@testable import Scenario

@Suite("Scenario file decoding")
struct ScenarioFileDecodingTests {
    func decode(_ text: String) throws -> ScenarioFile {
        try ScenarioFile(data: Data(text.utf8), path: "t.json")
    }

    func error(_ text: String) -> ScenarioFileError? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as ScenarioFileError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func minimalFileTakesTheDefaults() throws {
        let file = try decode(#"{"name": "smallest", "steps": [{"advance": "1s"}]}"#)
        #expect(file.name == "smallest")
        #expect(file.path == "t.json")
        #expect(file.seed == 1)
        #expect(file.time == .virtual)
        #expect(file.setup.llm == nil)
        #expect(file.setup.backend == BackendScript())
        #expect(file.setup.transcript.ignoredTypes == ["drone_status"])
    }

    @Test func fullSetupIsRead() throws {
        let file = try decode(
            #"""
            {"name": "full", "description": "d", "seed": 7, "time": "real",
             "setup": {
               "agent": {"allowed_origins": ["http://localhost:3000"], "token": "t", "step_pause": "0ms",
                         "status_interval": "500ms", "language": "en"},
               "simulator": {"battery": 15, "faults": [{"kind": "loss", "direction": "to_drone", "rate": 0.25},
                                                      {"kind": "late_replies"}, {"kind": "reply_delay", "delay": "2s"}]},
               "backend": {"down": true, "responses": [{"status": 500}, {"hang": true}, {"close": true},
                                                       {"status": 200, "body": {"ok": true}, "delay": "6s"}],
                           "then": {"status": 503}},
               "llm": {"provider": "ollama", "model": "m", "replies": [{"content": "not json"}, {"status": 500, "body": "x"}, {"hang": true}]},
               "transcript": {"ignore_types": [], "redact_keys": ["id"]}
             },
             "steps": [{"advance": "1s"}]}
            """#)
        #expect(file.seed == 7)
        #expect(file.time == .real)
        #expect(file.setup.agent == AgentSetup(
            allowedOrigins: ["http://localhost:3000"], token: "t", stepPause: .zero, statusInterval: .milliseconds(500),
            language: "en"))
        #expect(file.setup.simulator.battery == 15)
        #expect(file.setup.simulator.faults == [.loss(direction: .toDrone, rate: 0.25), .lateReplies, .replyDelay(.seconds(2))])
        #expect(file.setup.backend.down)
        #expect(file.setup.backend.responses == [
            .reply(status: 500), .hang, .close, .reply(status: 200, body: ["ok": true], delay: .seconds(6)),
        ])
        #expect(file.setup.backend.then == .reply(status: 503))
        #expect(file.setup.llm == LLMScript(provider: "ollama", model: "m", replies: [.content("not json"), .status(500, body: "x"), .hang]))
        #expect(file.setup.transcript == TranscriptSetup(ignoredTypes: [], redactedKeys: ["id"]))
    }

    @Test func everyStepVerbIsRead() throws {
        let file = try decode(
            #"""
            {"name": "verbs", "steps": [
              {"connect": "a", "origin": "http://evil.example", "headers": {"X-T": "1"}, "expect_refusal": 403, "note": "n"},
              {"send": "a", "json": {"type": "get_status"}},
              {"send": "a", "text": "{oops"},
              {"send": "a", "filler_bytes": 11},
              {"send": "a", "binary_hex": "00 ff"},
              {"send": "a", "raw_hex": "8100"},
              {"expect": "a", "message": {"type": "error"}, "within": "2s"},
              {"expect_nothing": "a", "type": "drone_status", "for": "3s"},
              {"expect_closed": "a", "code": 1009},
              {"close": "a", "code": 1001, "reason": "bye"},
              {"close": "a"},
              {"close_without_status": "a"},
              {"vanish": "a"},
              {"advance": "1m"},
              {"fault": {"kind": "link_down"}},
              {"backend": "down"},
              {"expect_backend": {"path": "/api/ai-analysis"}, "count": 2},
              {"expect_drone": {"flying": true, "height_cm": 80, "position_cm": {"x": 30, "y": 0, "z": 80}, "tolerance_cm": 3}},
              {"expect_log": {"level": "warning", "contains": "1006"}},
              {"expect_log": {"level": "error", "contains": ["a", "b"], "absent": true}, "within": "0ms"}
            ]}
            """#)
        let actions = file.steps.map(\.action)
        #expect(file.steps[0].note == "n")
        #expect(file.steps.map(\.index) == Array(0..<20))
        guard case .connect(let connect) = actions[0] else { Issue.record("connect"); return }
        #expect(connect == ClientConnect(client: "a", origin: "http://evil.example", headers: ["X-T": "1"], expectRefusal: 403))
        guard case .send(_, .json(let json)) = actions[1], case .send(_, .text("{oops")) = actions[2],
            case .send(_, .filler(11)) = actions[3], case .send(_, .binary([0, 255])) = actions[4],
            case .send(_, .raw([0x81, 0])) = actions[5]
        else { Issue.record("send payloads"); return }
        #expect(json == ["type": "get_status"])
        guard case .expect("a", ["type": "error"], .seconds(2)) = actions[6] else { Issue.record("expect"); return }
        guard case .expectNothing("a", "drone_status", .seconds(3)) = actions[7] else { Issue.record("expect_nothing"); return }
        guard case .expectClosed("a", 1009, ScenarioStep.defaultBudget) = actions[8] else { Issue.record("expect_closed"); return }
        guard case .close("a", 1001, "bye") = actions[9], case .close("a", 1000, "") = actions[10] else { Issue.record("close"); return }
        guard case .closeWithoutStatus("a") = actions[11], case .vanish("a") = actions[12] else { Issue.record("drops"); return }
        guard case .advance(.seconds(60)) = actions[13], case .fault(.linkDown) = actions[14],
            case .backend(up: false) = actions[15]
        else { Issue.record("advance/fault/backend"); return }
        guard case .expectBackend(["path": "/api/ai-analysis"], 2, _) = actions[16] else { Issue.record("expect_backend"); return }
        guard case .expectDrone(let drone, _) = actions[17] else { Issue.record("expect_drone"); return }
        #expect(drone == DroneExpectation(flying: true, heightCM: 80, positionCM: (30, 0, 80), toleranceCM: 3))
        guard case .expectLog(let warning, _) = actions[18], case .expectLog(let absent, .zero) = actions[19] else {
            Issue.record("expect_log")
            return
        }
        #expect(warning == LogExpectation(level: .warning, contains: ["1006"]))
        #expect(absent == LogExpectation(level: .error, contains: ["a", "b"], absent: true))
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        let found = error("{\n  \"name\": \"x\",\n  \"steps\": [oops]\n}")
        #expect(found?.file == "t.json")
        #expect(found?.location == "line 3, column 13")
        #expect(found?.expected == "valid JSON")
    }

    @Test func aScenarioWithoutStepsIsAnError() {
        #expect(error(#"{"name": "x", "steps": []}"#)?.description == "t.json: $.steps: expected at least one step, found []")
    }

    @Test func aClientNameConnectsOnlyOnce() {
        let found = error(#"{"name": "x", "steps": [{"connect": "a"}, {"advance": "1s"}, {"connect": "b"}, {"connect": "a"}]}"#)
        #expect(found?.location == "$.steps[3].connect")
        #expect(found?.expected == "a client name not connected before (use a new name for a second connection)")
        #expect(found?.found == #""a", connected at $.steps[0] (step 1)"#)
    }

    @Test func truncatedJSONNamesWhereItEndsAndWhatIsStillOpen() {
        let cut = error("{\n  \"name\": \"x\",\n  \"steps\": [{\"advance\": \"1s\"}")
        #expect(cut?.location == "line 3, column 30")
        #expect(cut?.expected == "valid JSON")
        #expect(cut?.found == "the end of the file with the array opened at line 3, column 12 still open")
        let inString = error("{\"name\": \"x")
        #expect(inString?.location == "line 1, column 12")
        #expect(inString?.found == "the end of the file inside the string opened at line 1, column 10")
    }

    @Test func deepNestingIsCalledTooDeepWithTheLimit() {
        let deep = "{\"name\": \"x\", \"steps\": [{\"send\": \"a\", \"json\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]}"
        let found = error(deep)
        #expect(found?.expected == "JSON nested at most 512 levels deep")
        #expect(found?.found == "an array at level 513")
        #expect(found?.location == "line 1, column \(46 + 510)")
    }

    @Test func everyErrorOfAFileIsReportedUpToALimit() {
        let steps = (0..<30).map { #"{"advance": "soon\#($0)"}"# }.joined(separator: ", ")
        let text = #"{"name": "x", "seed": "seven", "color": 1, "steps": [\#(steps), {"connect": "a"}, {"connect": "a"}]}"#
        let errors = ScenarioFile.problems(in: Data(text.utf8), path: "t.json")
        #expect(errors.count == ScenarioFile.maxErrorsPerFile + 1)
        #expect(errors[0].location == "$.color")
        #expect(errors[1].location == "$.seed")
        #expect(errors[2].location == "$.steps[0].advance")
        #expect(errors.last?.description == "t.json: $: expected at most \(ScenarioFile.maxErrorsPerFile) errors reported per file, found \(33 - ScenarioFile.maxErrorsPerFile) more")
        #expect(ScenarioFile.problems(in: Data(#"{"name": "x", "steps": [{"advance": "1s"}]}"#.utf8)).isEmpty)
    }

    @Test func missingMembersAreNamed() {
        #expect(error(#"{"steps": []}"#)?.description == #"t.json: $: expected a member "name", found none"#)
    }

    @Test func unknownMembersAreRejectedWithTheirPath() {
        let found = error(#"{"name": "x", "steps": [{"expect": "a", "message": {}, "withn": "1s"}]}"#)
        #expect(found?.location == "$.steps[0].withn")
        #expect(found?.found == #"unknown member "withn""#)
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let found = error(#"{"name": "x", "seed": "seven", "steps": [{"advance": "1s"}]}"#)
        #expect(found?.description.hasPrefix("t.json: $.seed: expected a whole number") == true)
        #expect(found?.found == #""seven""#)
    }

    @Test func badDurationsAreExplained() {
        let found = error(#"{"name": "x", "steps": [{"advance": 5000}]}"#)
        #expect(found?.location == "$.steps[0].advance")
        #expect(found?.expected.contains("250ms") == true)
    }

    @Test func anExactLogCountIsReadAndCheckedStrictly() throws {
        func step(_ json: String) -> String { #"{"name": "t", "steps": [{"expect_log": \#(json)}]}"# }
        let file = try decode(step(#"{"contains": "x", "count": 2}"#))
        guard case .expectLog(let expectation, _) = file.steps.first?.action else { Issue.record("expect_log"); return }
        #expect(expectation == LogExpectation(contains: ["x"], count: 2))
        let both = error(step(#"{"contains": "x", "absent": true, "count": 0}"#))
        #expect(both?.location == "$.steps[0].expect_log.count")
        #expect(both?.expected == #"either "absent" or "count" ("absent": true is "count": 0), not both"#)
        #expect(error(step(#"{"count": -1}"#))?.expected == "a whole number in 0...10000")
        #expect(error(step(#"{"count": "1"}"#))?.expected == "a whole number in 0...10000")
        #expect(error(step(#"{"count": 1.5}"#))?.location == "$.steps[0].expect_log.count")
    }

    @Test func aStepNeedsExactlyOneVerb() {
        #expect(error(#"{"name": "x", "steps": [{"note": "nothing"}]}"#)?.location == "$.steps[0]")
        #expect(error(#"{"name": "x", "steps": [{"vanish": "a", "close": "a"}]}"#)?.found == "several: close, vanish")
    }

    @Test func aSendNeedsExactlyOnePayload() {
        #expect(error(#"{"name": "x", "steps": [{"send": "a"}]}"#)?.found == "none")
        #expect(error(#"{"name": "x", "steps": [{"send": "a", "text": "t", "json": {}}]}"#)?.found == "json and text")
    }

    @Test func badHexIsRejected() {
        #expect(error(#"{"name": "x", "steps": [{"send": "a", "binary_hex": "0g"}]}"#)?.location == "$.steps[0].binary_hex")
        #expect(error(#"{"name": "x", "steps": [{"send": "a", "binary_hex": "abc"}]}"#) != nil)
    }

    @Test func faultsAreChecked() {
        #expect(error(#"{"name": "x", "steps": [{"fault": {"kind": "meteor"}}]}"#)?.location == "$.steps[0].fault.kind")
        #expect(error(#"{"name": "x", "steps": [{"fault": {"kind": "loss", "rate": 1.5}}]}"#)?.location == "$.steps[0].fault.rate")
        #expect(error(#"{"name": "x", "steps": [{"fault": {"kind": "link_down", "rate": 1}}]}"#) != nil)
    }

    @Test func patternsAreValidatedWhenRead() {
        let found = error(#"{"name": "x", "steps": [{"expect": "a", "message": {"battery": "<nmber>"}}]}"#)
        #expect(found?.location == "$.steps[0].message.battery")
    }

    @Test func unreadableFileIsAnError() {
        #expect(throws: ScenarioFileError.self) { try ScenarioFile(contentsOf: "/nonexistent/scenario.json") }
    }
}

@Suite("Scenario durations")
struct ScenarioDurationTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)), ("5s", .seconds(5)), ("1.5s", .milliseconds(1500)), ("2m", .seconds(120)),
        ("0ms", .zero),
    ])
    func parses(text: String, expected: Duration) {
        #expect(ScenarioDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "5", "s", "-1s", "1h", "1.5.2s", "ten s", "1e3ms", "2d", "99999999s"])
    func rejects(text: String) {
        #expect(ScenarioDuration.parse(text) == nil)
    }

    @Test func formatsTheWayFilesAreWritten() {
        #expect(ScenarioDuration.format(.milliseconds(250)) == "250ms")
        #expect(ScenarioDuration.format(.milliseconds(1500)) == "1.5s")
        #expect(ScenarioDuration.format(.milliseconds(1250)) == "1250ms")
        #expect(ScenarioDuration.format(.seconds(60)) == "60s")
        #expect(ScenarioDuration.format(.zero) == "0ms")
    }
}
