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
}
