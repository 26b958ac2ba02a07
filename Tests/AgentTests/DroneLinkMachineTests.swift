import Agent
import Testing

@Suite struct DroneLinkMachineTests {
    typealias M = DroneLinkMachine
    let forward = DroneCommand(.move(.forward, centimeters: 50), timeout: .seconds(10))
    let turn = DroneCommand(.rotate(.clockwise, degrees: 90), timeout: .seconds(10))

    private func transmitted(_ actions: [M.Action]) -> [String] {
        actions.compactMap { if case .transmit(let command) = $0 { command.text } else { nil } }
    }

    @Test func oneCommandInFlightAndTheReplyGuardBeforeTheNext() {
        var m = M()
        let (first, a1) = m.submit(forward, now: .zero)
        #expect(transmitted(a1) == ["forward 50"])
        // A short turn could be over within the guard: its `ok` could be taken for a copy, so it waits.
        let (second, a2) = m.submit(DroneCommand(.rotate(.clockwise, degrees: 10)), now: .milliseconds(10))
        #expect(transmitted(a2).isEmpty, "second command waits for the first")
        let a3 = m.received("ok", now: .seconds(2))
        #expect(a3 == [.complete(first, .reply(.ok))])
        #expect(m.nextDeadline == .seconds(2) + .milliseconds(50))
        let a4 = m.received("ok", now: .seconds(2) + .milliseconds(20))
        #expect(a4 == [.discard("ok", .unsolicited)], "a duplicate inside the guard is discarded")
        // Any `ok` may have a duplicate behind it: the guard runs from the last one.
        #expect(m.nextDeadline == .seconds(2) + .milliseconds(70))
        let a5 = m.tick(now: .seconds(2) + .milliseconds(70))
        #expect(transmitted(a5) == ["cw 10"])
        #expect(m.received("ok", now: .seconds(4)) == [.complete(second, .reply(.ok))])
    }

    @Test func aLateReplyAfterATimeoutIsDiscardedAndTheMoveNeverRepeated() {
        var m = M()
        let (first, _) = m.submit(forward, now: .zero)
        let (second, _) = m.submit(turn, now: .zero)
        let timeout = m.tick(now: .seconds(10))
        #expect(timeout.contains(.complete(first, .timedOut)))
        #expect(transmitted(timeout) == ["sn?"], "the resync probe goes before anything else")
        #expect(m.received("ok", now: .seconds(11)) == [.discard("ok", .beforeResync)])
        let resynced = m.received("0TQDG4CEDB2JX7", now: .seconds(11) + .milliseconds(5))
        #expect(transmitted(resynced) == ["cw 90"], "a 90° turn cannot be over within the guard: it goes at once")
        #expect(m.received("ok", now: .seconds(11) + .milliseconds(30)) == [.discard("ok", .earlyCopy)],
                "the late ok's copy is not the turn's")
        #expect(m.received("ok", now: .seconds(13)) == [.complete(second, .reply(.ok))])
    }

    @Test func readsAreRetriedAfterAResync() {
        var m = M()
        let (ticket, first) = m.submit(.battery, now: .zero)
        #expect(transmitted(first) == ["battery?"])
        #expect(transmitted(m.tick(now: .seconds(7))) == ["sn?"])
        #expect(transmitted(m.received("0TQDG", now: .seconds(8))) == ["battery?"], "a serial cannot answer battery?: no guard")
        #expect(m.received("87", now: .seconds(9) + .milliseconds(1)) == [.complete(ticket, .reply(.value("87")))])
    }

    @Test func mismatchedShapesAreDiscarded() {
        var m = M()
        let (ticket, _) = m.submit(forward, now: .zero)
        #expect(m.received("87", now: .seconds(1)) == [.discard("87", .mismatched)])
        #expect(m.received("error Motor stop", now: .seconds(2)) == [.complete(ticket, .reply(.motorStop))])
        let (read, _) = m.submit(.battery, now: .seconds(3))
        #expect(m.received("ok", now: .seconds(3) + .milliseconds(200)) == [.discard("ok", .mismatched)])
        #expect(m.received("55", now: .seconds(4)) == [.complete(read, .reply(.value("55")))])
    }

    @Test func anUrgentCommandSupersedesTheRunningOneAndTheQueue() {
        var m = M()
        let (running, _) = m.submit(forward, now: .zero)
        let (queued, _) = m.submit(turn, now: .zero)
        let (urgent, actions) = m.submit(.emergency, now: .seconds(1))
        // Real drones never answer `emergency`: it is sent, not waited for.
        #expect(actions == [.complete(running, .superseded), .complete(queued, .superseded), .transmit(.emergency),
                            .complete(urgent, .sent)])
        #expect(m.received("ok", now: .seconds(1) + .milliseconds(10)) == [.discard("ok", .urgentAnswer), .transmit(.read(.serialNumber))],
                "an answer to it is absorbed; the superseded reply may still come: resync (an ok cannot answer the probe: no guard)")
    }

    @Test func keepaliveWhenIdleOnceEnabled() {
        var m = M()
        m.holdsSDKMode = true
        #expect(m.nextDeadline == .seconds(5))
        #expect(transmitted(m.tick(now: .seconds(5))) == ["battery?"])
        #expect(m.received("80", now: .seconds(5) + .milliseconds(3)) == [.keepaliveAnswered(.value("80"))])
        #expect(m.nextDeadline == .seconds(10))
    }

    @Test func twoUnansweredCommandsMeanLinkLossAndAnyDatagramRestoresIt() {
        var m = M()
        let (first, _) = m.submit(forward, now: .zero)
        #expect(m.tick(now: .seconds(10)).contains(.complete(first, .timedOut)))
        #expect(m.linkUp)
        let probeTimeout = m.tick(now: .seconds(17))
        #expect(probeTimeout.contains { if case .linkLost = $0 { true } else { false } })
        #expect(!m.linkUp)
        #expect(m.heardState(now: .seconds(18)) == [.linkRestored])
    }

    @Test func silenceOnTheStateStreamIsLinkLoss() {
        var m = M()
        _ = m.heardState(now: .zero)
        #expect(m.silenceDeadline == .seconds(3))
        #expect(m.tick(now: .seconds(3)).contains { if case .linkLost = $0 { true } else { false } })
        #expect(m.silenceDeadline == nil)
        #expect(m.nextDeadline == nil)
    }
}

@Suite struct DroneLinkMachineLinkLossTests {
    @Test func waitingCommandsFailUnsentWhileTheDroneIsSilentAndProbingGoesOn() {
        var m = DroneLinkMachine()
        let (first, _) = m.submit(DroneCommand(.move(.forward, centimeters: 30), timeout: .seconds(7)), now: .zero)
        let (waiting, _) = m.submit(DroneCommand(.rotate(.clockwise, degrees: 90)), now: .zero)
        var now = Duration.zero
        var outcomes: [DroneLinkMachine.Ticket: DroneLinkMachine.Outcome] = [:]
        var probes = 0
        for _ in 0..<4 {
            now = m.nextDeadline!
            for action in m.tick(now: now) {
                if case .complete(let ticket, let outcome) = action { outcomes[ticket] = outcome }
                if case .transmit(let command) = action, probeAnswer(command.text) != nil { probes += 1 }
            }
        }
        #expect(outcomes[first] == .timedOut)
        #expect(outcomes[waiting] == .notSent)
        #expect(probes == 4)
        #expect(!m.linkUp)
        let (late, refused) = m.submit(DroneCommand(.move(.up, centimeters: 20)), now: now)
        #expect(refused == [.complete(late, .notSent)])
        let (_, urgent) = m.submit(.emergency, now: now)
        #expect(urgent.contains(.transmit(.emergency)), "emergency is always tried")
    }
}
