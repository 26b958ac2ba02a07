import Lifetimes
import TelloSDK

/// Whether the drone is flying: the agent's belief, what happens when a
/// command that changes it goes unanswered, and how the state stream
/// corrects and settles it (see `LandingWatch`).
///
/// Why "unknown": a lost `ok` to `takeoff` leaves a drone hovering at a
/// metre that the agent believed on the ground, and a lost `ok` to `land` or
/// `emergency` the opposite. Guessing either way is unsafe (a `land` refused
/// as "not flying" while the drone hovers), so the belief becomes unknown
/// and the next half second of the state stream settles it. Meanwhile `land`
/// is always sent, and everything else waits briefly for the stream.
extension Drone {
    /// How long an action waits for the stream to settle an unknown state
    /// before acting on it anyway (10 state lines; 5 are needed).
    static let settleWait: Duration = .seconds(1)

    /// Sends `takeoff`, `land` or `emergency` and updates the belief from its outcome.
    func changeFlight(_ name: String, _ command: DroneCommand) async -> ActionResult {
        flightChange = command
        let outcome = await link.send(command)
        if flightChange == command { flightChange = nil }  // an emergency may have overtaken it
        switch outcome {
        case .reply(.ok):
            if command == .takeoff { takeoffPoint = status.position }
            status.flying = command == .takeoff
            settle(flying: status.flying)
            return .done(name, .actionDone(name))
        case .timedOut where sdkMode:
            // (Before connect_drone the drone is not in SDK mode: it obeyed nothing.)
            flightKnown = false
            landingWatch.restart()
            logger.warning("flight state unknown until the state stream settles it", ("unanswered", command.text))
        case .sent where sdkMode:
            // `emergency` is never answered: whether the motors stopped (the datagram may be
            // lost) is the state stream's to say, as after an unanswered command.
            flightKnown = false
            landingWatch.restart()
            logger.info("sent without reply; the state stream settles whether the drone is down", ("command", command.text))
            return .done(name, .actionDone(name))
        case .sent:
            // Before connect_drone the drone is not in SDK mode: it obeyed nothing, and nothing changed.
            return .done(name, .actionDone(name))
        case .reply, .timedOut, .superseded, .notSent:
            break
        }
        return failure(name, outcome, command: command.text)
    }

    /// Folds one state line into the belief.
    func followFlight(_ state: TelloState) {
        if !flightKnown {
            guard let verdict = landingWatch.fold(state) else { return }
            settle(flying: verdict == .airborne)
            logger.info("flight state settled from the state stream", ("flying", status.flying),
                        ("tof", state.tof), ("height", state.h))
        } else if landingWatch.landed(state, flying: status.flying) {
            status.flying = false
            if let change = flightChange {
                // The reply to our own `land` (or `emergency`) is late: not a landing by itself.
                logger.info("drone on the ground before its reply", ("command", change.text), ("tof", state.tof))
            } else {
                logger.info("drone landed by itself", ("tof", state.tof), ("height", state.h), ("battery", state.bat))
            }
        }
    }

    /// Waits, bounded, for the stream to settle an unknown flight state, and
    /// returns the moment it does (the state line that settles it opens
    /// `flightSettled`), not at the next tick of a poll.
    func settleFlight() async {
        guard !flightKnown else { return }
        let settled = flightSettled ?? Latch()
        flightSettled = settled
        let deadline = time.now + Self.settleWait
        await withTaskGroup(of: Void.self) { [time] group in
            group.addTask { await settled.wait() }
            group.addTask { try? await time.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    private func settle(flying: Bool) {
        status.flying = flying
        flightKnown = true
        landingWatch.restart()
        flightSettled?.open()
        flightSettled = nil
    }
}
