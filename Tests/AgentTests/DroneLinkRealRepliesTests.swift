import Agent
import TelloSDK
import Testing

/// The link against what real drones answer besides `ok`, errors and values:
/// `forced stop`, `error Not joystick`, no answer to `emergency`, CR LF and NUL padding.
@Suite struct DroneLinkRealRepliesTests {
    typealias M = DroneLinkMachine
    let forward = DroneCommand(.move(.forward, centimeters: 50), timeout: .seconds(10))
    let turn = DroneCommand(.rotate(.clockwise, degrees: 90), timeout: .seconds(10))

    private func transmitted(_ actions: [M.Action]) -> [String] {
        actions.compactMap { if case .transmit(let command) = $0 { command.text } else { nil } }
    }

    @Test func stopDuringAMoveIsNotWaitedForAndForcedStopAnswersNothing() {
        var m = M()
        let (move, _) = m.submit(forward, now: .zero)
        let (stop, sent) = m.submit(.stop, now: .seconds(1))
        #expect(sent == [.complete(move, .superseded), .transmit(.stop), .complete(stop, .sent)])
        #expect(m.received("forced stop", now: .seconds(1) + .milliseconds(20)) == [.discard("forced stop", .interruptedMotion)])
        let after = m.received("ok", now: .seconds(1) + .milliseconds(30))
        #expect(after == [.discard("ok", .urgentAnswer), .transmit(.read(.serialNumber))],
                "the stop's answer absorbed; the superseded move's reply may still come: resync first")
    }

    @Test func stopOnAnIdleLinkIsAnsweredAsUsual() {
        var m = M()
        let (stop, sent) = m.submit(.stop, now: .zero)
        #expect(transmitted(sent) == ["stop"])
        #expect(m.received("ok\r\n", now: .milliseconds(20)) == [.complete(stop, .reply(.ok))])
    }

    @Test func aForcedStopWhileAReadIsInFlightAnswersNothing() {
        var m = M()
        let (read, _) = m.submit(.battery, now: .zero)
        #expect(m.received("forced stop\r\n", now: .milliseconds(5)) == [.discard("forced stop", .interruptedMotion)])
        #expect(m.received("87\r\n", now: .milliseconds(20)) == [.complete(read, .reply(.value("87")))])
    }

    @Test func aBusyReplyRefusesTheCommandAndTheNextWaitsForTheProbe() {
        var m = M()
        let (move, _) = m.submit(forward, now: .zero)
        let (next, _) = m.submit(turn, now: .zero)
        let refused = m.received("error Not joystick", now: .milliseconds(10))
        #expect(refused.first == .complete(move, .reply(.notJoystick)))
        #expect(transmitted(refused) == ["sn?"], "not `cw 90`: the drone is still flying something else")
        // The probe is refused the same way until that motion ends; then its `ok`, then the probe's answer.
        #expect(m.received("error Not joystick", now: .milliseconds(200)) == [.discard("error Not joystick", .beforeResync)])
        #expect(m.received("ok", now: .seconds(2)) == [.discard("ok", .beforeResync)])
        // The refused probe times out; the next one is answered once the motion is over.
        #expect(transmitted(m.tick(now: .seconds(7) + .milliseconds(10))) == ["time?"])
        let resynced = m.received("12s\r\n", now: .seconds(8))
        #expect(transmitted(resynced) == ["cw 90"])
        #expect(m.received("ok", now: .seconds(10)) == [.complete(next, .reply(.ok))])
    }

    @Test func emergencyIsSentAndNotWaitedFor() {
        var m = M()
        let (emergency, sent) = m.submit(.emergency, now: .zero)
        #expect(sent == [.transmit(.emergency), .complete(emergency, .sent)])
        let (read, queued) = m.submit(.battery, now: .milliseconds(1))
        #expect(transmitted(queued).isEmpty, "a stray answer to emergency is absorbed first")
        #expect(m.received("ok", now: .milliseconds(30)) == [.discard("ok", .urgentAnswer), .transmit(.read(.battery))])
        #expect(m.received("87", now: .milliseconds(200)) == [.complete(read, .reply(.value("87")))])
    }

    @Test func withoutAnAnswerEmergencyFreesTheLinkAfterItsWindowWithoutATimeout() {
        var m = M()
        _ = m.submit(.emergency, now: .zero)
        let (read, _) = m.submit(.battery, now: .zero)
        let window = m.tick(now: M.Config().unansweredWindow)
        #expect(transmitted(window) == ["battery?"])
        #expect(!window.contains { if case .linkLost = $0 { true } else { false } })
        #expect(m.received("87\r\n", now: .seconds(2)) == [.complete(read, .reply(.value("87")))])
    }

    @Test(arguments: ["87\r\n", "87\r\n\0\0\0", "\087\0", "87"])
    func readRepliesWithCRLFAndNULPaddingAreValues(raw: String) {
        var m = M()
        let (read, _) = m.submit(.battery, now: .zero)
        #expect(m.received(raw, now: .milliseconds(20)) == [.complete(read, .reply(.value("87")))])
    }
}
