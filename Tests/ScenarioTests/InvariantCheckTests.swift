import Foundation
import JSONValue
import Logs
import Testing

@testable import Scenario

/// Each invariant over a made-up observation: a healthy one passes, and the
/// one change that breaks it is reported, naming the invariant.
@Suite("Invariant checks")
struct InvariantCheckTests {
    struct Made {
        var events: [TranscriptEvent] = []
        var log: [TimedRecord] = []
        var backend: [JSONValue] = []

        mutating func send(_ client: String, _ message: JSONValue) { events.append(.sent(client: client, payload: .json(message))) }
        mutating func receive(_ client: String, _ message: JSONValue) {
            events.append(.received(client: client, message: .text(message.text)))
        }
        mutating func log(_ seconds: Double, _ component: String, _ message: String, _ fields: [(String, String)] = []) {
            log(seconds, .info, component, message, fields)
        }
        mutating func log(_ seconds: Double, _ level: LogLevel, _ component: String, _ message: String, _ fields: [(String, String)] = []) {
            log.append(TimedRecord(
                time: .milliseconds(Int64(seconds * 1000)),
                record: LogRecord(level: level, component: component, message: message, fields: fields.map { LogField($0.0, $0.1) })))
        }

        func violations(_ scenario: ScenarioFile = ScenarioFile(name: "t", steps: [])) -> [Invariant] {
            var transcript = Transcript()
            for event in events { transcript.record(event) }
            let observation = Observation(transcript: transcript, log: log, backendRequests: backend, failure: nil, scenarioTime: .seconds(10))
            return InvariantCheck.violations(observation, of: scenario).map(\.invariant)
        }
    }

    func move(_ id: String, distance: Int = 50) -> JSONValue {
        ["type": "drone_command", "id": .string(id), "data": ["action": "move_forward", "parameters": ["distance": .number(Double(distance))]]]
    }

    @Test func aMoveSentTwiceForOneRequest() {
        var run = Made()
        run.send("a", move("a-1"))
        run.receive("a", ["type": "drone_command_response", "id": "a-1", "action": "move_forward", "success": true])
        run.log(1, .debug, "dronelink", "send", [("command", "forward 50")])
        #expect(run.violations().isEmpty)
        run.log(9, .debug, "dronelink", "send", [("command", "forward 50")])
        #expect(run.violations() == [.moveSentOnce])
        run.send("a", move("a-2"))
        run.receive("a", ["type": "drone_command_response", "id": "a-2", "action": "move_forward", "success": true])
        #expect(run.violations().isEmpty)  // a second request for the same move
    }

    /// A network that duplicates datagrams delivers one move twice (a real
    /// drone would fly it twice; the SDK has no sequence numbers): the agent
    /// sent it once, and the invariant is about what the agent sends.
    @Test func aMoveTheNetworkDuplicatedIsNoViolation() {
        var run = Made()
        run.send("a", move("a-1"))
        run.receive("a", ["type": "drone_command_response", "id": "a-1", "action": "move_forward", "success": true])
        run.log(1, .debug, "dronelink", "send", [("command", "forward 50")])
        run.log(1, "tello-sim", "command received", [("command", "forward 50")])
        run.log(1.1, "tello-sim", "command received", [("command", "forward 50")])
        #expect(run.violations().isEmpty)
    }

    @Test func anOrdersPlanCountsAsRequestedMoves() {
        var run = Made()
        run.send("a", ["type": "natural_language_command", "id": "a-1", "data": ["command": "起飞后向前飞30厘米，然后降落"]])
        run.receive("a", ["type": "natural_language_command_response", "id": "a-1", "success": true])
        run.log(1, .debug, "dronelink", "send", [("command", "forward 30")])
        #expect(run.violations().isEmpty)
        run.log(2, .debug, "dronelink", "send", [("command", "forward 30")])
        #expect(run.violations() == [.moveSentOnce])
    }

    @Test func answersCountedPerRequest() {
        var run = Made()
        run.send("a", ["type": "get_status", "id": "a-1"])
        #expect(run.violations() == [.answeredOnce])  // never answered, still connected
        run.receive("a", ["type": "get_status_response", "id": "a-1"])
        #expect(run.violations().isEmpty)
        run.receive("a", ["type": "get_status_response", "id": "a-1"])
        #expect(run.violations() == [.answeredOnce])
    }

    @Test func aClientThatLeftNeedNotBeAnswered() {
        var run = Made()
        run.send("a", ["type": "get_status", "id": "a-1"])
        run.events.append(.vanished(client: "a"))
        #expect(run.violations().isEmpty)
    }

    @Test func answersNameTheirRequest() {
        var run = Made()
        run.send("a", move("a-1"))
        run.receive("a", ["type": "drone_command_response", "id": "a-1", "action": "land", "success": true])
        #expect(run.violations() == [.replyAttribution])
        var other = Made()
        other.send("a", ["type": "drone_command", "id": "a-1", "data": ["action": "get_battery"]])
        other.receive("a", ["type": "drone_command_response", "id": "a-1", "action": "get_battery", "success": true, "data": ["battery": "ok"]])
        #expect(other.violations() == [.replyAttribution])
        var stray = Made()
        stray.receive("a", ["type": "get_status_response", "id": "z-9"])
        #expect(stray.violations() == [.replyAttribution])
    }

    func post(_ key: String, answered: JSONValue) -> JSONValue {
        ["method": "POST", "path": "/api/ai-analysis", "headers": ["idempotency-key": .string(key)],
         "body": ["type": "ai_analysis", "idempotency_key": .string(key)], "answered": answered]
    }

    @Test func analysesAreDeliveredUnderOneKey() {
        var run = Made()
        run.send("a", ["type": "natural_language_command", "id": "a-1", "data": ["command": "起飞"]])
        run.receive("a", ["type": "natural_language_command_response", "id": "a-1", "ai_analysis": [:]])
        #expect(run.violations() == [.analysisDelivered])  // shown, never delivered
        run.backend = [post("k1", answered: 500), post("k1", answered: 200)]
        #expect(run.violations().isEmpty)
        run.backend = [post("k1", answered: 500)]
        #expect(run.violations().contains(.analysisDelivered))
        run.backend = [post("k1", answered: 200), post("k2", answered: 200)]
        #expect(run.violations() == [.analysisDelivered])  // two keys for one order
    }

    @Test func anEmergencyMustReachTheDroneInTime() {
        var run = Made()
        run.send("a", ["type": "emergency", "id": "a-1"])
        run.receive("a", ["type": "emergency_response", "id": "a-1", "success": true, "action": "emergency"])
        run.log(5, "agent", "request", [("client", "127.0.0.1:1"), ("type", "emergency"), ("id", "\"a-1\"")])
        run.log(5.1, "tello-sim", "command received", [("command", "emergency")])
        #expect(run.violations().isEmpty)
        run.log.removeLast()
        run.log(6, "tello-sim", "command received", [("command", "emergency")])
        #expect(run.violations() == [.emergencyBound])
    }

    @Test func sessionsAndCloses() {
        var run = Made()
        run.log(1, "agent", "client connected", [("client", "127.0.0.1:1")])
        run.log(2, "agent", "client disconnected", [("client", "127.0.0.1:1"), ("code", "1000")])
        #expect(run.violations().isEmpty)
        run.log(3, .warning, "agent", "client disconnected", [("client", "127.0.0.1:1"), ("code", "1001")])
        #expect(run.violations() == [.cleanCloseQuiet, .sessionRemovedOnce])
        var never = Made()
        never.log(1, "agent", "client connected", [("client", "127.0.0.1:2")])
        #expect(never.violations() == [.sessionRemovedOnce])
        var error = Made()
        error.log(1, "agent", "client connected", [("client", "127.0.0.1:3")])
        error.log(2, "agent", "client disconnected", [("client", "127.0.0.1:3"), ("code", "1005")])
        error.log(3, .error, "agent", "session failed", [("client", "127.0.0.1:3")])
        #expect(error.violations() == [.cleanCloseQuiet])
    }

    @Test func aRunawayLogAndADeadAgent() {
        var run = Made()
        for _ in 0..<5000 { run.log(1, .debug, "agent", "again") }
        #expect(run.violations() == [.bounded])
        var dead = Made()
        dead.log(1, .error, "scenario", "agent shutdown not clean")
        #expect(dead.violations() == [.agentAlive])
    }
}
