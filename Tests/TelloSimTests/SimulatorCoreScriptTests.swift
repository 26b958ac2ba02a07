import Foundation
import Testing
import TelloSDK
@testable import TelloSim

/// `FaultPlan.script`: a recorded drone's answers replayed per command text, in order.
@Suite("SimulatorCore script")
struct SimulatorCoreScriptTests {
    typealias Core = SimulatorCore<String>

    static func make(_ script: [ScriptedCommand]) -> Core {
        var core = Core(model: DroneModel(), faults: FaultPlan(), seed: 1)
        _ = core.receive("command", from: "a", at: .zero)
        core.faults.script = script
        return core
    }

    static func answer(_ text: String, _ milliseconds: Double) -> ScriptedAnswer {
        ScriptedAnswer(text: text, delayMilliseconds: milliseconds)
    }

    @Test func eachAnswerIsSentAtItsDelayAndTheModelsOwnReplyIsNot() {
        var core = Self.make([ScriptedCommand(command: "takeoff", answers: [Self.answer("ok", 2500), Self.answer("ok", 2600)])])
        let (arrival, now) = core.receive("takeoff", from: "a", at: .seconds(1))
        #expect(arrival == .handled(.started))
        #expect(now.isEmpty)
        #expect(core.advance(to: .milliseconds(3400)).isEmpty)
        #expect(core.advance(to: .milliseconds(3500)) == [Outgoing(text: "ok", to: "a")])
        #expect(core.advance(to: .milliseconds(3600)) == [Outgoing(text: "ok", to: "a")])
        // The model carried it out (its own "ok" at 5 s after the command is not sent).
        #expect(core.advance(to: .seconds(10)).isEmpty)
        #expect(core.model.groundTruth.flying)
    }

    @Test func anErrorFirstIsARefusalAndTheDroneStaysPut() {
        var core = Self.make([ScriptedCommand(command: "takeoff", answers: [Self.answer("error Motor stop", 0)])])
        let (arrival, now) = core.receive("takeoff", from: "a", at: .zero)
        #expect(arrival == .forced("error Motor stop"))
        #expect(now == [Outgoing(text: "error Motor stop", to: "a")])
        _ = core.advance(to: .seconds(10))
        #expect(!core.model.groundTruth.flying)
    }

    @Test func entriesAreUsedInOrderPerTextThenTheSimulatorAnswersAsItself() {
        var core = Self.make([
            ScriptedCommand(command: "battery?", answers: []),
            ScriptedCommand(command: "wifi?", answers: [Self.answer("7\r\n", 0)]),
            ScriptedCommand(command: "battery?", answers: [Self.answer("ok", 0), Self.answer("42\r\n", 0)]),
        ])
        #expect(core.receive("battery?", from: "a", at: .zero).send.isEmpty)  // a loss
        #expect(core.receive("battery?", from: "a", at: .zero).send == [Outgoing(text: "ok", to: "a"), Outgoing(text: "42\r\n", to: "a")])
        #expect(core.receive("wifi?", from: "a", at: .zero).send == [Outgoing(text: "7\r\n", to: "a")])
        // Beyond the script: the model's own answer.
        #expect(core.receive("battery?", from: "a", at: .zero).send == [Outgoing(text: "100", to: "a")])
    }

    @Test func theScriptTravelsAsJSONAndABadDelayIsRefused() throws {
        var plan = FaultPlan()
        plan.script = [ScriptedCommand(command: "land", answers: [Self.answer("ok", 1500)])]
        let decoded = try JSONDecoder().decode(FaultPlan.self, from: JSONEncoder().encode(plan))
        #expect(decoded == plan)
        let bad = Data(#"{"script":[{"command":"land","answers":[{"text":"ok","delayMilliseconds":-1}]}]}"#.utf8)
        #expect(throws: FaultPlanError.self) { try JSONDecoder().decode(FaultPlan.self, from: bad) }
    }
}
