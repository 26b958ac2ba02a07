import Agent
import Testing

/// The answers a Tello gives to the link's probes (docs/tello-sdk.md, TelloSim's replies).
func probeAnswer(_ probe: String) -> String? {
    switch probe {
    case "sn?": "0TQZSIM0000001"
    case "time?": "12s"
    case "height?": "10dm"
    case "tof?": "100mm"
    default: nil
    }
}

/// Resynchronisation after lost replies (scenarios/drone-packet-loss.json):
/// once the drone answers again the link is in step at the next probe's
/// answer, while late answers to earlier probes are discarded, never taken
/// for the probe in flight.
@Suite struct DroneLinkResyncTests {
    typealias M = DroneLinkMachine
    let forward = DroneCommand(.move(.forward, centimeters: 50), timeout: .seconds(10))

    private func transmitted(_ actions: [M.Action]) -> [String] {
        actions.compactMap { if case .transmit(let command) = $0 { command.text } else { nil } }
    }

    @Test func afterLostProbeAnswersTheFirstAnswerThatComesResyncs() throws {
        var m = M()
        _ = m.submit(forward, now: .zero)
        var probes = transmitted(m.tick(now: .seconds(10)))  // forward 50's ok is lost
        #expect(m.submit(.land, now: .seconds(10)).1.isEmpty, "land waits for the resync")
        probes += transmitted(m.tick(now: .seconds(17)))      // the first probe's answer is lost
        probes += transmitted(m.tick(now: .seconds(24)))      // and the second's
        #expect(probes.count == 3)
        #expect(Set(probes).count == 3, "consecutive probes are told apart by their answers: \(probes)")
        // Replies are on time again: the third probe's answer resyncs at once.
        let answer = try #require(probeAnswer(probes[2]))
        #expect(m.received(answer, now: .seconds(24) + .milliseconds(20)) == [.linkRestored, .transmit(.land)],
                "land goes at once: a probe's answer cannot answer it")
    }

    @Test func aLateAnswerToAnEarlierProbeIsDiscardedAndTheNewestStillCounts() throws {
        var m = M()
        _ = m.submit(forward, now: .zero)
        let first = transmitted(m.tick(now: .seconds(10)))
        let (ticket, _) = m.submit(forward, now: .seconds(10))
        let second = transmitted(m.tick(now: .seconds(17)))
        #expect(first.count == 1 && second.count == 1 && first != second)
        let late = try #require(probeAnswer(first[0]))
        #expect(m.received(late, now: .seconds(18)) == [.linkRestored, .discard(late, .staleProbe)])
        #expect(m.received("ok", now: .seconds(18) + .milliseconds(1)) == [.discard("ok", .beforeResync)])
        // The `ok` discarded at 18 s may still have a duplicate behind it; the move goes at once
        // (it cannot be over within the guard) and that duplicate is discarded as an early copy.
        let resynced = m.received(try #require(probeAnswer(second[0])), now: .seconds(18) + .milliseconds(2))
        #expect(transmitted(resynced) == ["forward 50"], "the second move is sent once, after the resync")
        #expect(m.received("ok", now: .seconds(18) + .milliseconds(40)) == [.discard("ok", .earlyCopy)])
        #expect(m.received("ok", now: .seconds(20)) == [.complete(ticket, .reply(.ok))])
        #expect(m.received(late, now: .seconds(21)) == [.discard(late, .staleProbe)], "a probe's answer never completes anything")
    }

    @Test func anErrorNamingAProbeIsNeverTakenForAMove() {
        var m = M()
        _ = m.submit(forward, now: .zero)
        #expect(m.received("unknown command: sn?", now: .seconds(1)) == [.discard("unknown command: sn?", .staleProbe)])
    }
}
