import TelloSDK

/// Reads from the drone's own state stream whether it is on the ground or
/// in the air. It ends a flight that ended without the agent landing it (the
/// battery's auto-land at 5 %, the 15 s no-command auto-land, `emergency`
/// from another controller, a motor stop), and it settles what the agent
/// does not know after a state-changing command went unanswered (a lost
/// `ok` to `takeoff` leaves a drone hovering that the agent thought grounded).
///
/// Why `tof`: the time-of-flight sensor measures the distance to whatever is
/// below, and reads its floor value, about 10 cm, only when the drone sits on
/// something (docs/tello-sdk.md: "`tof` in cm (about 10 on the ground)"); a
/// flying Tello never gets that low (`down` stops 20 cm above the floor).
/// `h` is no witness at all: it is relative to the takeoff point, so a drone
/// that set down on a table reads above zero, and real drones read it low by
/// an offset fixed for the flight (10-58 cm seen), so a hovering drone can
/// read 0. The air is `tof` above `airborneTof`: real drones refuse to descend
/// below about 28 cm, so between the floor and that nothing is settled. A few lines
/// in a row are required, so a single line that left before a reply and
/// arrived after it cannot undo what the reply said.
///
/// While the agent knows the drone is down, the stream never starts a flight:
/// a drone lifted by hand reads the same `tof` as one that took off, so
/// `flying` becomes true on the `ok` to `takeoff`, or from the stream only
/// when that `ok` may have been lost.
package struct LandingWatch: Sendable {
    /// The `tof` reading of a drone on the ground, in cm.
    package static let groundTof = 10
    /// The lowest `tof` that counts as flying, in cm: a flying Tello stays above about 28 cm
    /// (20 cm on the exact simulator), a drone on the floor reads about 10.
    package static let airborneTof = 20
    /// Consecutive agreeing lines (0.5 s of the 10 Hz stream) that settle a verdict.
    package static let linesToLand = 5

    package enum Verdict: Sendable, Equatable {
        case onGround
        case airborne
    }

    private var groundLines = 0
    private var airborneLines = 0

    package init() {}

    /// Forgets the lines seen so far: after a belief changed, only lines that follow count.
    package mutating func restart() {
        groundLines = 0
        airborneLines = 0
    }

    /// Folds one line in; a verdict once `linesToLand` lines in a row agree.
    package mutating func fold(_ state: TelloState) -> Verdict? {
        if state.tof <= Self.groundTof {
            groundLines += 1
            airborneLines = 0
        } else if state.tof >= Self.airborneTof {
            airborneLines += 1
            groundLines = 0
        } else {
            restart()  // just off the floor: lifted by hand, tilted, or a glitch
        }
        if groundLines >= Self.linesToLand { return .onGround }
        if airborneLines >= Self.linesToLand { return .airborne }
        return nil
    }

    /// Folds one line in; true when it ends the flight the agent believed in.
    package mutating func landed(_ state: TelloState, flying: Bool) -> Bool {
        guard flying else {
            restart()
            return false
        }
        return fold(state) == .onGround
    }
}
