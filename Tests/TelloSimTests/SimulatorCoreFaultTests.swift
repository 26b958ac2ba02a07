import Foundation
import Testing
import TelloSDK
@testable import TelloSim

@Suite("SimulatorCore faults and routing")
struct SimulatorCoreFaultTests {
    typealias Core = SimulatorCore<String>

    static func make(_ configure: (inout FaultPlan) -> Void = { _ in }, seed: UInt64 = 42) -> Core {
        var plan = FaultPlan()
        configure(&plan)
        var core = Core(model: DroneModel(), faults: plan, seed: seed)
        // Enter SDK mode without faults so every test starts from the same place.
        let saved = core.faults
        core.faults = FaultPlan()
        _ = core.receive("command", from: "a", at: .zero)
        core.faults = saved
        return core
    }

    @Test func repliesGoToEachCommandsSender() {
        var core = Self.make()
        #expect(core.controller == "a")
        let (_, send) = core.receive("battery?", from: "b", at: .zero)
        #expect(send == [Outgoing(text: "100", to: "b")])
        _ = core.receive("takeoff", from: "c", at: .zero)
        let dueAtFive = core.advance(to: .seconds(5))
        #expect(dueAtFive == [Outgoing(text: "ok", to: "c")])
        #expect(core.controller == "a")
    }

    @Test func totalCommandLossMeansNoReplyAndNoAction() {
        var core = Self.make { $0.commandLoss = 1 }
        let (arrival, send) = core.receive("takeoff", from: "a", at: .zero)
        #expect(arrival == .lost && send.isEmpty)
        _ = core.advance(to: .seconds(10))
        #expect(!core.model.groundTruth.flying)
    }

    @Test func partialLossIsSeededAndRepeatable() {
        func losses(seed: UInt64) -> [Bool] {
            var core = Self.make({ $0.commandLoss = 0.3 }, seed: seed)
            return (0..<200).map { i in core.receive("battery?", from: "a", at: .milliseconds(i)).arrival == .lost }
        }
        let first = losses(seed: 7)
        #expect(first == losses(seed: 7))
        #expect(first != losses(seed: 8))
        let lost = first.filter { $0 }.count
        #expect(lost > 35 && lost < 85)
    }

    @Test func lostRepliesStillLetTheDroneAct() {
        var core = Self.make { $0.replyLoss = 1 }
        let (arrival, send) = core.receive("takeoff", from: "a", at: .zero)
        #expect(arrival == .handled(.started) && send.isEmpty)
        let dueAfterTakeoff = core.advance(to: .seconds(6))
        #expect(dueAfterTakeoff.isEmpty)
        #expect(core.model.groundTruth.flying)
    }

    @Test func stateLossAndLinkDownBlockTheStateStream() {
        var lossy = Self.make { $0.stateLoss = 1 }
        let lossyPasses = lossy.stateGetsThrough()
        #expect(!lossyPasses)
        var clean = Self.make()
        let cleanPasses = clean.stateGetsThrough()
        #expect(cleanPasses)
        clean.faults.linkDown = true
        let downPasses = clean.stateGetsThrough()
        #expect(!downPasses)
    }

    @Test func delayedRepliesArriveLater() {
        var core = Self.make { $0.replyDelayMilliseconds = 500 }
        let (_, send) = core.receive("battery?", from: "a", at: .zero)
        #expect(send.isEmpty)
        #expect(core.nextDeadline == .milliseconds(500))
        let dueEarly = core.advance(to: .milliseconds(499))
        #expect(dueEarly.isEmpty)
        let dueOnTime = core.advance(to: .milliseconds(500))
        #expect(dueOnTime == [Outgoing(text: "100", to: "a")])
    }

    @Test func lateReplyToNArrivesAfterNPlusOneWasSent() {
        var core = Self.make { $0.lateReplies = true }
        let immediate = core.receive("battery?", from: "a", at: .zero)
        #expect(immediate.send.isEmpty)
        let (_, send) = core.receive("speed?", from: "a", at: .seconds(1))
        #expect(send == [Outgoing(text: "100", to: "a")]) // the battery? reply, read as the speed? reply
        core.faults.lateReplies = false
        let (_, next) = core.receive("sdk?", from: "a", at: .seconds(2))
        #expect(next.map(\.text) == ["100.0", "20"])
    }

    @Test func duplicateRepliesAreSentTwice() {
        var core = Self.make { $0.duplicateReplies = 1 }
        let copies = core.receive("battery?", from: "a", at: .zero)
        #expect(copies.send.map(\.text) == ["100", "100"])
    }

    @Test func forcedReplyReplacesTheDronesAnswer() {
        var core = Self.make { $0.forcedReplies = ["takeoff": "error No valid imu", "forward 50": "out of range"] }
        let (arrival, send) = core.receive("takeoff", from: "a", at: .zero)
        #expect(arrival == .forced("error No valid imu"))
        #expect(send == [Outgoing(text: "error No valid imu", to: "a")])
        _ = core.advance(to: .seconds(6))
        #expect(!core.model.groundTruth.flying)
        #expect(core.faults.forcedReply(for: "forward  50") == "out of range")
        #expect(core.faults.forcedReply(for: "forward 60") == nil)
    }

    @Test func linkDownBlocksBothWaysWhileTheDroneFliesOn() {
        var core = Self.make()
        _ = core.receive("takeoff", from: "a", at: .zero)
        core.faults.linkDown = true
        let dueWhileDown = core.advance(to: .seconds(5))
        #expect(dueWhileDown.isEmpty) // the takeoff ok is lost
        let whileDown = core.receive("battery?", from: "a", at: .seconds(6))
        #expect(whileDown == (.linkDown, []))
        _ = core.advance(to: .seconds(21))
        #expect(core.model.groundTruth.activity == "autoLand") // 15 s of silence from the drone's side
        core.faults.linkDown = false
        let afterLinkUp = core.receive("battery?", from: "a", at: .seconds(30))
        #expect(afterLinkUp.arrival == .handled(.replied))
    }

    @Test func batteryFaultsChangeWhatTheDroneReports() {
        var core = Self.make()
        _ = core.setBattery(42, at: .zero)
        let batteryAnswer = core.receive("battery?", from: "a", at: .zero)
        #expect(batteryAnswer.send.map(\.text) == ["42"])
    }

    @Test func motorStopAnswersTheRunningCommand() {
        var core = Self.make()
        _ = core.receive("takeoff", from: "a", at: .zero)
        _ = core.advance(to: .seconds(5))
        _ = core.receive("forward 200", from: "b", at: .seconds(5))
        let dueOnMotorStop = core.cutMotors(at: .seconds(6))
        #expect(dueOnMotorStop == [Outgoing(text: "error Motor stop", to: "b")])
        #expect(!core.model.groundTruth.motorsOn)
    }

    @Test func faultPlanDecodesPartialJSONAndRejectsNonsense() throws {
        let plan = try JSONDecoder().decode(FaultPlan.self, from: Data(#"{"commandLoss":0.5,"forcedReplies":{"takeoff":"error"}}"#.utf8))
        #expect(plan.commandLoss == 0.5 && plan.forcedReplies == ["takeoff": "error"] && plan.replyLoss == 0)
        #expect(throws: FaultPlanError.self) {
            try JSONDecoder().decode(FaultPlan.self, from: Data(#"{"replyLoss":2}"#.utf8))
        }
        let encoded = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(FaultPlan.self, from: encoded) == plan)
    }
}
