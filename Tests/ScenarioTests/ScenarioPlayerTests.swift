import Clocks
import Foundation
import JSONValue
import MemoryNetwork
import Testing

@testable import Scenario

/// The player's step logic against `MiniWebSocketServer` on virtual time, in
/// memory on a simulation executor as `tello-scenario run` plays (the real
/// agent's library runs in ScenarioLibraryTests): idle is known, so nothing
/// else this test process runs can make the clock jump early.
@Suite("Scenario player")
struct ScenarioPlayerTests {
    struct Played {
        let run: SingleRun
        let system: MiniSystem
        var failure: ScenarioFailure? { run.failure }
    }

    func play(_ steps: String, setup: String = "{}") async throws -> Played {
        let scenario = try ScenarioFile(data: Data(#"{"name": "t", "setup": \#(setup), "steps": [\#(steps)]}"#.utf8))
        let (run, system) = try await simulate(scenario)
        return Played(run: run, system: system)
    }

    @Test func aConversationPassesAndVirtualTimeRunsFast() async throws {
        let played = try await play(#"""
            {"connect": "a"},
            {"expect": "a", "message": {"type": "hello"}},
            {"send": "a", "json": {"type": "later", "after_ms": 30000}},
            {"expect": "a", "message": {"type": "later_response"}, "within": "60s"}
            """#)
        #expect(played.failure == nil)
        #expect(played.run.scenarioTime >= .seconds(30))
        #expect(played.run.scenarioTime < .seconds(31))
        #expect(played.run.transcript.text == """
            a: connect /
            a: <- {"type":"hello"}
            a: -> {"after_ms":30000,"type":"later"}
            a: <- {"type":"later_response"}

            """)
    }

    @Test func anExpectationPastItsBudgetFailsWithTheStepAndTails() async throws {
        let played = try await play(#"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "later", "after_ms": 30000}},
            {"expect": "a", "message": {"type": "later_response"}, "within": "10s", "note": "too impatient"}
            """#)
        let failure = try #require(played.failure)
        #expect(failure.stepIndex == 2)
        #expect(failure.note == "too impatient")
        #expect(failure.step == #"expect a {"type":"later_response"}"#)
        #expect(failure.expected == #"within 10s: {"type":"later_response"}"#)
        #expect(failure.received.hasPrefix(#""hello" at $.type (expected "later_response")"#))
        #expect(failure.transcriptTail.last == #"a: -> {"after_ms":30000,"type":"later"}"#)
        #expect(played.run.scenarioTime == .seconds(10))
    }

    @Test func theClosestMessageExplainsAMismatch() async throws {
        let played = try await play(#"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "x", "data": {"v": 1}}},
            {"expect": "a", "message": {"type": "x", "data": {"v": 2}}, "within": "1s"}
            """#)
        let received = try #require(played.failure?.received)
        #expect(received.hasPrefix("1 at $.data.v (expected 2)"))
        #expect(received.hasSuffix("(closest of 2 unconsumed)"))
    }

    @Test func capturesCarryAcrossSteps() async throws {
        let passing = try await play(#"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "x", "id": "abc"}},
            {"expect": "a", "message": {"type": "x", "id": "$id"}},
            {"send": "a", "json": {"type": "y", "echo": "abc"}},
            {"expect": "a", "message": {"type": "y", "echo": "$id"}}
            """#)
        #expect(passing.failure == nil)
        let failing = try await play(#"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "x", "id": "abc"}},
            {"expect": "a", "message": {"type": "x", "id": "$id"}},
            {"send": "a", "json": {"type": "y", "echo": "abd"}},
            {"expect": "a", "message": {"type": "y", "echo": "$id"}, "within": "1s"}
            """#)
        #expect(failing.failure?.stepIndex == 4)
    }

    @Test func expectNothingWatchesForItsWholeDuration() async throws {
        let played = try await play(#"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "later", "after_ms": 5000}},
            {"expect_nothing": "a", "type": "later_response", "for": "3s"},
            {"expect_nothing": "a", "for": "3s"}
            """#)
        let failure = try #require(played.failure)
        #expect(failure.stepIndex == 3)
        #expect(failure.received == #"<- {"type":"later_response"}"#)
        #expect(played.run.scenarioTime == .seconds(5))
    }

    @Test func closesAreRecordedAndTheAgentsAnswerAwaited() async throws {
        let played = try await play(#"""
            {"connect": "a"}, {"connect": "b"}, {"connect": "c"},
            {"close": "a", "code": 1001, "reason": "bye"},
            {"expect_closed": "a", "code": 1001},
            {"close_without_status": "b"},
            {"expect_closed": "b", "code": 1005},
            {"vanish": "c"},
            {"expect_log": {"level": "warning", "contains": ["dropped", "1006"]}},
            {"expect_log": {"level": "error", "contains": "anything", "absent": true}}
            """#)
        #expect(played.failure == nil)
        let text = played.run.transcript.text
        #expect(text.contains(#"a: close 1001 "bye""# + "\n" + #"a: closed by agent 1001 "bye""#))
        #expect(text.contains("b: close without status\nb: closed by agent 1005 \"\""))
        #expect(text.contains("c: vanish (TCP dropped)"))
    }

    @Test func anExactLogCountPassesOnlyWithExactlyThatManyLines() async throws {
        let steps = #"""
            {"connect": "a"},
            {"send": "a", "json": {"type": "log", "text": "event once"}},
            {"send": "a", "json": {"type": "log", "text": "event twice"}},
            {"send": "a", "json": {"type": "log", "text": "event twice"}},
            {"expect_log": {"level": "warning", "contains": "event once", "count": 1}},
            {"expect_log": {"level": "warning", "contains": "event never", "count": 0}},
            {"expect_log": {"level": "warning", "contains": "event twice", "count": 2}},
            {"expect_log": {"level": "warning", "contains": "event twice", "count": 1}}
            """#
        let played = try await play(steps)
        let failure = try #require(played.failure)
        #expect(failure.stepIndex == 7, "the first three counts pass")
        #expect(failure.expected == #"exactly 1 log line like level warning, containing "event twice""#)
        #expect(failure.received == "2:\n  warning mini: event twice\n  warning mini: event twice")
        let missing = try await play(#"{"connect": "a"}, {"expect_log": {"contains": "event", "count": 1}, "within": "2s"}"#)
        #expect(missing.failure?.received == "0")
    }

    @Test func expectClosedFailsOnAnOpenConnectionOrAnotherCode() async throws {
        let open = try await play(#"{"connect": "a"}, {"expect_closed": "a", "within": "2s"}"#)
        #expect(open.failure?.received == "still open")
        let other = try await play(#"{"connect": "a"}, {"close": "a", "code": 1000}, {"expect_closed": "a", "code": 1009}"#)
        #expect(other.failure?.received == #"closed by the agent with 1000 """#)
    }

    @Test func aSecondConnectOfANameBuiltInCodeFailsItsStep() async throws {
        let scenario = ScenarioFile(name: "t", steps: [
            ScenarioStep(index: 0, action: .connect(ClientConnect(client: "a"))),
            ScenarioStep(index: 1, action: .connect(ClientConnect(client: "a"))),
        ])
        let (run, _) = try await simulate(scenario)
        let failure = try #require(run.failure)
        #expect(failure.stepIndex == 1)
        #expect(failure.received == #""a" is already connected"#)
    }

    @Test func refusalsAreExpectedOrReported() async throws {
        let expected = try await play(#"{"connect": "page", "origin": "http://evil.example", "expect_refusal": 403}"#)
        #expect(expected.failure == nil)
        #expect(expected.run.transcript.text == "page: refused 403\n")
        let unexpected = try await play(#"{"connect": "page", "origin": "http://evil.example"}"#)
        #expect(unexpected.failure?.expected == "the handshake accepted (101)")
        #expect(unexpected.failure?.received == "HTTP 403")
        let accepted = try await play(#"{"connect": "page", "expect_refusal": 403}"#)
        #expect(accepted.failure?.received == "accepted (101)")
    }

    @Test func faultsAndBackendChangesReachTheSystem() async throws {
        let played = try await play(#"""
            {"fault": {"kind": "loss", "rate": 0.5}}, {"backend": "down"}, {"fault": {"kind": "link_down"}}
            """#)
        #expect(played.failure == nil)
        #expect(played.system.faults == [.loss(direction: .both, rate: 0.5), .linkDown])
        #expect(!played.system.isBackendUp)
        #expect(played.run.transcript.text.hasPrefix("scenario: fault {\"direction\":\"both\",\"kind\":\"loss\",\"rate\":0.5}\nscenario: backend down\n"))
    }

    @Test func unknownClientsAreNamed() async throws {
        let played = try await play(#"{"send": "ghost", "text": "boo"}"#)
        #expect(played.failure?.expected == #"a client named "ghost" (connect it first)"#)
    }

    @Test func sameScenarioSameTranscript() async throws {
        let steps = #"""
            {"connect": "a"}, {"connect": "b"},
            {"send": "a", "json": {"type": "later", "after_ms": 1000}},
            {"send": "b", "json": {"type": "later", "after_ms": 500}},
            {"expect": "a", "message": {"type": "later_response"}},
            {"expect": "b", "message": {"type": "later_response"}},
            {"send": "b", "text": "ping me"},
            {"expect": "b", "message": {"type": "pong seen"}},
            {"close": "a"}, {"vanish": "b"}
            """#
        let first = try await play(steps)
        let second = try await play(steps)
        #expect(first.failure == nil)
        #expect(first.run.transcript.text == second.run.transcript.text)
    }
}

@Suite("Scenario player: backend and drone expectations")
struct ScenarioPlayerSystemTests {
    func play(_ steps: String, prepare: @Sendable (MiniSystem) -> Void) async throws -> SingleRun {
        let scenario = try ScenarioFile(data: Data(#"{"name": "t", "steps": [\#(steps)]}"#.utf8))
        return try await simulate(scenario, prepare: prepare).run
    }

    @Test func backendRequestsAreMatchedCountedAndTranscribed() async throws {
        let request: JSONValue = ["method": "POST", "path": "/api/ai-analysis", "headers": [:], "body": ["type": "ai_analysis", "timestamp": "t1"]]
        let run = try await play(#"""
            {"expect_backend": {"path": "/api/ai-analysis", "body": {"type": "ai_analysis"}}, "count": 2},
            {"expect_backend": {"path": "/other"}, "within": "1s"}
            """#) { system in
            system.addBackendRequest(request)
            system.addBackendRequest(request)
        }
        #expect(run.failure?.stepIndex == 1)
        #expect(run.failure?.received.hasPrefix("0 of 2 received") == true)
        #expect(run.transcript.text.hasSuffix(#"backend: POST /api/ai-analysis {"timestamp":"<redacted>","type":"ai_analysis"}"# + "\n"))
    }

    @Test func groundTruthIsCheckedWithinTolerance() async throws {
        let passing = try await play(#"{"expect_drone": {"flying": true, "height_cm": 80, "position_cm": {"x": 30, "y": 0, "z": 80}, "tolerance_cm": 3}}"#) { system in
            system.setTruth { $0.flying = true; $0.z = 82; $0.x = 28 }
        }
        #expect(passing.failure == nil)
        let failing = try await play(#"{"expect_drone": {"flying": false, "height_cm": 80, "battery": 50}, "within": "1s"}"#) { system in
            system.setTruth { $0.flying = true; $0.z = 90; $0.battery = 48.5 }
        }
        #expect(failing.failure?.expected == "within 1s: flying false, height_cm 80 ± 5, battery 50")
        #expect(failing.failure?.received == "flying true, height_cm 90, battery 49")
    }
}

@Suite("Scenario player: failure reports")
struct ScenarioPlayerReportTests {
    @Test func aMessageOfTheExpectedTypeIsPreferredAsClosest() async throws {
        let scenario = try ScenarioFile(data: Data(#"""
            {"name": "t", "steps": [
              {"connect": "a"},
              {"send": "a", "json": {"type": "answer", "ok": false}},
              {"send": "a", "json": {"type": "noise", "data": {"deep": {"er": 1}}}},
              {"expect": "a", "message": {"type": "answer", "ok": true}, "within": "1s"}
            ]}
            """#.utf8))
        let (run, _) = try await simulate(scenario)
        #expect(run.failure?.received.hasPrefix("false at $.ok (expected true)") == true)
    }
}

/// Plays `scenario` against a `MiniSystem` in memory, on a simulation executor
/// and virtual time, as `tello-scenario run` plays; shuts the system down after.
func simulate(_ scenario: ScenarioFile, prepare: @Sendable (MiniSystem) -> Void = { _ in }) async throws -> (run: SingleRun, system: MiniSystem) {
    let time = VirtualTime()
    let executor = SimulationExecutor(name: "player-test")
    defer { executor.finish() }
    // Made on the executor: the server's tasks take it from there.
    return try await executor.run {
        let system = try MiniSystem(time: time, network: MemoryNetwork(time: time, seed: scenario.seed))
        prepare(system)
        let run = await ScenarioPlayer(scenario: scenario, system: system, clock: .simulation(time, on: executor), run: 1).play()
        await system.shutdown()
        return (run, system)
    }
}
