import Testing
import TelloSDK
@testable import TelloSim

/// SDK 3.0 retry tags on a RoboMaster TT: a tag is "still running" only while
/// its command can still be answered. A command that never will be (stick
/// input, one dropped while busy, one interrupted by `stop`) must not keep its
/// tag, or the next command that reuses the tag (clients cycle through them)
/// is swallowed as a repeat, and the tags pile up with every datagram.
@Suite("SimulatorCore retry tags")
struct SimulatorCoreRetryTagTests {
    typealias Core = SimulatorCore<String>

    static func flyingTT() -> Core {
        var parameters = FlightParameters()
        parameters.model = .tt
        var core = Core(model: DroneModel(parameters: parameters), faults: FaultPlan(), seed: 1)
        #expect(core.receive("command", from: "a", at: .zero).send == [Outgoing(text: "ok", to: "a")])
        _ = core.receive("takeoff", from: "a", at: .seconds(1))
        _ = core.advance(to: .seconds(7))
        #expect(core.model.groundTruth.flying)
        return core
    }

    @Test func aTagUsedByStickInputIsFreeForTheNextCommand() {
        var core = Self.flyingTT()
        var now = Duration.seconds(7)
        // A joystick client: every tag of its cycle carries stick input, which is never answered.
        for sequence in 0..<100 {
            now += .milliseconds(50)
            let (_, send) = core.receive("Re\(String(sequence + 100).suffix(2))01 rc 0 0 0 0", from: "a", at: now)
            #expect(send.isEmpty)
        }
        #expect(core.runningTags <= 1, "stick input leaves no tag behind")
        now += .milliseconds(100)
        let (_, send) = core.receive("Re0501 battery?", from: "a", at: now)
        #expect(send.map(\.text).contains { $0.hasPrefix("Re0501 ") }, "a reused tag's new command is answered")
    }

    @Test func aRunningCommandsTagIsARepeatUntilItIsAnsweredAndAnInterruptedOnesIsNot() {
        var core = Self.flyingTT()
        #expect(core.receive("Re1001 forward 100", from: "a", at: .seconds(8)).arrival == .handled(.started))
        #expect(core.receive("Re1001 forward 100", from: "a", at: .milliseconds(8_100)).send.isEmpty, "a repeat while it runs")
        #expect(core.runningTags == 1)
        // `stop` ends the move where it is; the move itself is never answered.
        _ = core.receive("stop", from: "a", at: .milliseconds(8_500))
        _ = core.advance(to: .seconds(10))
        #expect(core.runningTags == 0, "an interrupted command's tag is forgotten")
        let (_, send) = core.receive("Re1001 battery?", from: "a", at: .seconds(11))
        #expect(send.map(\.text).contains { $0.hasPrefix("Re1001 ") })
    }
}
