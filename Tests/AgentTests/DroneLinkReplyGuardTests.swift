import Agent
import Testing

/// The reply guard holds back only a command a duplicate of the last reply
/// could answer; any other goes out at once (a duplicate arriving while it is
/// in flight is discarded by shape).
@Suite struct DroneLinkReplyGuardTests {
    typealias M = DroneLinkMachine
    let forward = DroneCommand(.move(.forward, centimeters: 50), timeout: .seconds(10))

    private func transmitted(_ actions: [M.Action]) -> [String] {
        actions.compactMap { if case .transmit(let command) = $0 { command.text } else { nil } }
    }

    @Test func aMoveAfterAReadGoesOutAtOnce() {
        var m = M()
        _ = m.submit(.battery, now: .zero)
        _ = m.received("87", now: .seconds(1))
        let (move, actions) = m.submit(forward, now: .seconds(1) + .milliseconds(1))
        #expect(transmitted(actions) == ["forward 50"], "a number cannot answer a move")
        #expect(m.received("87", now: .seconds(1) + .milliseconds(3)) == [.discard("87", .mismatched)])
        #expect(m.received("ok", now: .seconds(2)) == [.complete(move, .reply(.ok))])
    }

    @Test func aReadAfterAMoveGoesOutAtOnce() {
        var m = M()
        _ = m.submit(forward, now: .zero)
        _ = m.received("ok", now: .seconds(1))
        #expect(transmitted(m.submit(.battery, now: .seconds(1)).1) == ["battery?"], "ok cannot answer a read")
    }

    @Test func aCommandADuplicateCouldAnswerWaitsOutTheGuard() {
        var m = M()
        _ = m.submit(.battery, now: .zero)
        _ = m.received("87", now: .seconds(1))
        #expect(transmitted(m.submit(.battery, now: .seconds(1)).1).isEmpty, "a duplicate 87 would answer it")
        #expect(m.nextDeadline == .seconds(1) + .milliseconds(50))
        #expect(transmitted(m.tick(now: .seconds(1) + .milliseconds(50))) == ["battery?"])
    }

    /// A move cannot be flown within the guard, so it does not wait for the
    /// last `ok`'s guard: a copy of that `ok` arriving meanwhile is discarded.
    @Test func aMoveAfterAnOkGoesOutAtOnceAndTheOksCopyIsDiscarded() {
        var m = M()
        _ = m.submit(forward, now: .zero)
        _ = m.received("ok", now: .seconds(1))
        let (second, actions) = m.submit(forward, now: .seconds(1) + .milliseconds(1))
        #expect(transmitted(actions) == ["forward 50"], "no fixed wait the drone does not need")
        #expect(m.received("ok", now: .seconds(1) + .milliseconds(30)) == [.discard("ok", .earlyCopy)],
                "a 50 cm move cannot be over 29 ms after it was sent")
        #expect(m.received("ok", now: .seconds(2)) == [.complete(second, .reply(.ok))])
    }

    @Test func aTurnAfterAnOkGoesOutAtOnce() {
        var m = M()
        _ = m.submit(forward, now: .zero)
        _ = m.received("ok", now: .seconds(1))
        let (turn, actions) = m.submit(DroneCommand(.rotate(.clockwise, degrees: 90)), now: .seconds(1))
        #expect(transmitted(actions) == ["cw 90"])
        #expect(m.received("ok", now: .seconds(1) + .milliseconds(49)) == [.discard("ok", .earlyCopy)])
        #expect(m.received("ok", now: .seconds(2)) == [.complete(turn, .reply(.ok))])
    }

    /// Motions that could be over within the guard (a short turn; a `down`
    /// the floor cuts short), and `ok` commands that answer at once, still
    /// wait it out: their own `ok` could be mistaken for a copy.
    @Test func whatCouldBeAnsweredWithinTheGuardStillWaits() {
        let down = DroneCommand(.move(.down, centimeters: 50))
        for next in [DroneCommand(.rotate(.clockwise, degrees: 10)), down, .streamOn, .land, .takeoff] {
            var m = M()
            _ = m.submit(forward, now: .zero)
            _ = m.received("ok", now: .seconds(1))
            #expect(transmitted(m.submit(next, now: .seconds(1)).1).isEmpty, "\(next) waits")
            #expect(transmitted(m.tick(now: .seconds(1) + .milliseconds(50))) == [next.text])
        }
    }

    /// A refusal can come at once, so a move after an `error` still waits out its guard.
    @Test func aMoveAfterAnErrorWaitsOutTheGuard() {
        var m = M()
        _ = m.submit(forward, now: .zero)
        _ = m.received("error", now: .seconds(1))
        #expect(transmitted(m.submit(forward, now: .seconds(1)).1).isEmpty)
        #expect(m.nextDeadline == .seconds(1) + .milliseconds(50))
    }
}
