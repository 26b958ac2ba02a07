import Agent
import JSONValue
import TestSupport
import Testing

/// A Tello after a restart (battery swap, power cycle) or one that never got
/// `command`: it is not in SDK mode and answers `command` only. The link must
/// bring it back by itself or on the next `connect_drone`, never stay stuck
/// probing a drone that cannot answer probes.
@Suite struct DroneLinkRecoveryTests {
    typealias M = DroneLinkMachine

    /// The machine against a model drone on a simulated clock: replies come
    /// 20 ms after the command, a move's after its 1 s flight; before
    /// `command` nothing is answered.
    struct Rig {
        var machine = M()
        var now = Duration.zero
        var sdkMode = false
        var sent: [String] = []
        var inbox: [(at: Duration, text: String)] = []
        var outcomes: [M.Ticket: M.Outcome] = [:]

        mutating func perform(_ actions: [M.Action]) {
            for action in actions {
                switch action {
                case .transmit(let command):
                    let text = command.text
                    sent.append(text)
                    if text == "command" { sdkMode = true }
                    guard sdkMode else { continue }
                    let reply = probeAnswer(text) ?? (text.hasSuffix("?") ? "87" : "ok")
                    let flight: Duration = if case .move = command { .seconds(1) } else { .zero }
                    inbox.append((now + flight + .milliseconds(20), reply))
                case .complete(let ticket, let outcome):
                    outcomes[ticket] = outcome
                default:
                    break
                }
            }
        }

        mutating func submit(_ command: DroneCommand) -> M.Ticket {
            let (ticket, actions) = machine.submit(command, now: now)
            perform(actions)
            return ticket
        }

        /// Runs events in time order until `ticket` has an outcome (bounded).
        mutating func run(until ticket: M.Ticket) -> M.Outcome? {
            for _ in 0..<1000 where outcomes[ticket] == nil {
                let reply = inbox.first?.at
                guard let next = [reply, machine.nextDeadline].compactMap({ $0 }).min() else { break }
                now = max(now, next)
                if let first = inbox.first, first.at <= now {
                    inbox.removeFirst()
                    perform(machine.received(first.text, now: now))
                } else {
                    perform(machine.tick(now: now))
                }
            }
            return outcomes[ticket]
        }

        /// The drone restarts: it forgets SDK mode and the replies it owed.
        mutating func restart() {
            sdkMode = false
            inbox.removeAll()
        }
    }

    static let forward = DroneCommand(.move(.forward, centimeters: 50), timeout: .seconds(10))

    @Test func connectAfterAnEmergencySentBeforeSDKModeSucceeds() {
        var rig = Rig()
        let emergency = rig.submit(.emergency)
        #expect(rig.run(until: emergency) == .sent, "never waited for (a drone not in SDK mode ignores it anyway)")
        let connect = rig.submit(.sdkMode)
        #expect(rig.run(until: connect) == .reply(.ok))
        let takeoff = rig.submit(.takeoff)
        #expect(rig.run(until: takeoff) == .reply(.ok))
        let move = rig.submit(Self.forward)
        #expect(rig.run(until: move) == .reply(.ok))
        #expect(rig.sent.filter { $0 == "forward 50" }.count == 1)
    }

    @Test func connectAfterTheDroneRestartedSucceeds() {
        var rig = Rig()
        let first = rig.submit(.sdkMode)
        #expect(rig.run(until: first) == .reply(.ok))
        rig.restart()
        let lost = rig.submit(Self.forward)
        #expect(rig.run(until: lost) == .timedOut)
        let again = rig.submit(.sdkMode)
        #expect(rig.run(until: again) == .reply(.ok))
        let move = rig.submit(Self.forward)
        #expect(rig.run(until: move) == .reply(.ok))
    }

    /// While SDK mode is held (after connect), unanswered probes bring a
    /// `command`: the link comes back without anyone sending `connect_drone`.
    @Test func aRestartedDroneIsBroughtBackIntoSDKModeByTheLink() {
        var rig = Rig()
        let first = rig.submit(.sdkMode)
        #expect(rig.run(until: first) == .reply(.ok))
        rig.machine.holdsSDKMode = true
        rig.restart()
        let lost = rig.submit(Self.forward)
        #expect(rig.run(until: lost) == .timedOut)
        let read = rig.submit(.battery)
        // The read may fail unsent while the drone is silent; one submitted
        // after the link recovered goes through.
        var outcome = rig.run(until: read)
        for _ in 0..<5 where outcome != .reply(.value("87")) {
            let retry = rig.submit(.battery)
            outcome = rig.run(until: retry)
        }
        #expect(outcome == .reply(.value("87")))
        #expect(rig.sent.filter { $0 == "command" }.count == 2, "re-entered SDK mode by itself: \(rig.sent)")
    }
}

/// The same through router, drone and link against `FakeTello` on virtual
/// time, as a user meets it: `connect_drone` works and a move flies.
@Suite struct DroneRestartRouterTests {
    private func fliesAMove(_ rig: RouterRig) async {
        #expect(await rig.send("connect_drone")["success"] == true)
        #expect(await rig.send("drone_command", ["action": "takeoff"])["success"] == true)
        #expect(await rig.send("drone_command", ["action": "move_forward", "parameters": ["distance": 50]])["success"] == true)
        #expect(rig.tello.sent.filter { $0 == "forward 50" }.count == 1)
    }

    @Test func connectDroneAfterAnEmergencySentBeforeConnecting() async throws {
        try await RouterRig.simulated("emergency-before-connect") { rig in await rig.running {
            _ = await rig.send("emergency")
            await fliesAMove(rig)
        } }
    }

    @Test func connectDroneAfterTheDroneRestarted() async throws {
        try await RouterRig.simulated("drone-restarted") { rig in try await rig.running {
            #expect(await rig.send("connect_drone")["success"] == true)
            rig.tello.restart()
            // Idle: the keepalive goes unanswered and the link starts probing.
            try await eventually("the link to probe the drone", within: 20) { rig.tello.sent.contains("sn?") }
            await fliesAMove(rig)
        } }
    }
}
