import Foundation
import JSONValue
import Testing

@testable import Scenario

@Suite("Transcript")
struct TranscriptTests {
    static func sample() -> Transcript {
        var t = Transcript()
        t.record(.connected(client: "alice", path: "/", origin: "http://localhost:3000"))
        t.record(.connected(client: "bob", path: "/ws", origin: nil))
        t.record(.sent(client: "alice", payload: .json(["type": "get_status", "data": [:]])))
        t.record(.received(client: "bob", message: .text(#"{"type":"drone_status","data":{}}"#)))
        t.record(.received(client: "alice", message: .text(#"{"type":"get_status_response","message":"ok"}"#)))
        t.record(.advanced(.milliseconds(1500)))
        t.record(.backendRequest(method: "POST", path: "/api/ai-analysis", body: ["type": "ai_analysis", "timestamp": "2026-01-01T00:00:00"]))
        t.record(.clientClosed(client: "alice", code: 1000, reason: "bye"))
        t.record(.clientClosed(client: "bob", code: nil, reason: ""))
        t.record(.fault(.loss(direction: .toDrone, rate: 0.5)))
        return t
    }

    @Test func rendersChannelsInAFixedOrder() {
        let expected = """
            scenario: advance 1.5s
            scenario: fault {"direction":"to_drone","kind":"loss","rate":0.5}
            alice: connect / origin=http://localhost:3000
            alice: -> {"data":{},"type":"get_status"}
            alice: <- {"message":"ok","type":"get_status_response"}
            alice: close 1000 "bye"
            bob: connect /ws
            bob: close without status
            backend: POST /api/ai-analysis {"timestamp":"<redacted>","type":"ai_analysis"}

            """
        #expect(Self.sample().text == expected)
    }

    @Test func ignoredTypesAreLeftOut() {
        #expect(!Self.sample().text.contains("drone_status"))
        var keep = Transcript(setup: TranscriptSetup(ignoredTypes: []))
        keep.record(.received(client: "bob", message: .text(#"{"type":"drone_status"}"#)))
        #expect(keep.text == "bob: <- {\"type\":\"drone_status\"}\n")
    }

    @Test func memberOrderOnTheWireDoesNotMatter() {
        var a = Transcript()
        var b = Transcript()
        a.record(.received(client: "c", message: .text(#"{"a":1,"b":{"y":2,"x":1}}"#)))
        b.record(.received(client: "c", message: .text(#"{ "b" : {"x":1,"y":2}, "a" : 1 }"#)))
        #expect(a.text == b.text)
    }

    @Test func interleavingAcrossClientsDoesNotMatter() {
        var a = Transcript()
        var b = Transcript()
        a.record(.received(client: "x", message: .text(#"{"type":"one"}"#)))
        a.record(.received(client: "y", message: .text(#"{"type":"one"}"#)))
        b.record(.received(client: "x", message: .text(#"{"type":"one"}"#)))
        b.record(.received(client: "y", message: .text(#"{"type":"one"}"#)))
        #expect(a.text == b.text)
    }

    @Test func redactionReachesNestedMembers() {
        let value: JSONValue = ["a": ["timestamp": 1, "list": [["idempotency_key": "k"]]], "timestamp": 2]
        let redacted = TranscriptFormat.redact(value, keys: TranscriptSetup.defaultRedactedKeys)
        #expect(redacted.text == #"{"a":{"list":[{"idempotency_key":"<redacted>"}],"timestamp":"<redacted>"},"timestamp":"<redacted>"}"#)
    }

    @Test func nonJSONAndBinaryAreSummarised() {
        let setup = TranscriptSetup()
        #expect(TranscriptFormat.line(for: .sent(client: "a", payload: .text("{oops")), setup: setup) == #"-> text "{oops""#)
        #expect(TranscriptFormat.line(for: .sent(client: "a", payload: .filler(count: 10_485_761)), setup: setup) == "-> text of 10485761 bytes")
        #expect(TranscriptFormat.line(for: .received(client: "a", message: .binary([0, 255, 16])), setup: setup) == "<- binary 3 bytes 00ff10")
        let long = [UInt8](repeating: 1, count: 20)
        #expect(TranscriptFormat.line(for: .sent(client: "a", payload: .raw(long)), setup: setup) == "-> raw bytes 20 bytes " + String(repeating: "01", count: 16) + "...")
    }

    @Test func longTextIsShortened() {
        let text = String(repeating: "y", count: 1000)
        let line = TranscriptFormat.line(for: .received(client: "a", message: .text(text)), setup: TranscriptSetup())
        #expect(line.hasSuffix("... (1002 bytes)"))
        #expect(line.count < 450)
    }

    @Test func closesAndDropsAreWritten() {
        let setup = TranscriptSetup()
        #expect(TranscriptFormat.line(for: .agentClosed(client: "a", code: 1009, reason: "message too big"), setup: setup) == #"closed by agent 1009 "message too big""#)
        #expect(TranscriptFormat.line(for: .vanished(client: "a"), setup: setup) == "vanish (TCP dropped)")
        #expect(TranscriptFormat.line(for: .refused(client: "a", status: 403), setup: setup) == "refused 403")
        #expect(TranscriptFormat.line(for: .backend(up: false), setup: setup) == "backend down")
    }

    @Test func tailIsInEventOrder() {
        #expect(Self.sample().tail(2) == [#"bob: close without status"#, #"scenario: fault {"direction":"to_drone","kind":"loss","rate":0.5}"#])
    }

    @Test func faultJSONReadsBack() throws {
        let faults: [SimulatorFault] = [
            .loss(direction: .both, rate: 0.1), .replyDelay(.milliseconds(1500)), .lateReplies, .duplicateReplies(rate: 1),
            .forcedReply(command: "takeoff", reply: "error Motor stop"), .linkDown, .linkUp, .battery(percent: 9), .motorStop,
            .clear,
        ]
        for fault in faults {
            #expect(try SimulatorFault(reading: JSONReader(fault.json)) == fault)
        }
    }
}

@Suite("Scenario draft (--record)")
struct ScenarioDraftTests {
    @Test func draftReadsBackAsAScenarioWithTheSameSteps() throws {
        let text = ScenarioDraft.file(name: "recorded", description: "from a session", transcript: TranscriptTests.sample())
        let file = try ScenarioFile(data: Data(text.utf8), path: "draft.json")
        #expect(file.name == "recorded")
        let verbs = file.steps.map { step -> String in
            switch step.action {
            case .connect: "connect"
            case .send: "send"
            case .expect: "expect"
            case .advance: "advance"
            case .expectBackend: "expect_backend"
            case .close: "close"
            case .closeWithoutStatus: "close_without_status"
            case .fault: "fault"
            default: "other"
            }
        }
        #expect(verbs == ["connect", "connect", "send", "expect", "advance", "expect_backend", "close", "close_without_status", "fault"])
    }

    @Test func redactedMembersBecomeWildcardsAndLiteralsAreEscaped() {
        var t = Transcript()
        t.record(.received(client: "a", message: .text(#"{"type":"x","timestamp":"now","price":"$5","star":"*","tag":"<int>"}"#)))
        let step = ScenarioDraft.steps(from: t)[0]
        #expect(step["message"]?["timestamp"] == "*")
        #expect(step["message"]?["price"] == "$$5")
        #expect(step["message"]?["star"] == ["$literal": "*"])
        #expect(step["message"]?["tag"] == ["$literal": "<int>"])
    }

    @Test func draftPatternsMatchTheMessagesTheyCameFrom() throws {
        let message: JSONValue = ["type": "x", "timestamp": "now", "price": "$5", "op": ["$approx": 1], "list": ["*", 2]]
        var t = Transcript()
        t.record(.received(client: "a", message: .text(message.text)))
        let pattern = try #require(ScenarioDraft.steps(from: t)[0]["message"])
        #expect((try? JSONPattern(pattern).match(message).get()) != nil)
        try JSONPattern.validate(pattern, path: "$")
    }

    @Test func binaryPayloadsRoundTripAsHex() throws {
        var t = Transcript()
        t.record(.sent(client: "a", payload: .binary([0, 1, 254])))
        let text = ScenarioDraft.file(name: "b", description: "", transcript: t)
        let file = try ScenarioFile(data: Data(text.utf8))
        guard case .send("a", .binary([0, 1, 254])) = file.steps[0].action else {
            Issue.record("binary payload did not round-trip: \(text)")
            return
        }
    }
}
