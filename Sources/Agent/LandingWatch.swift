import TelloSDK

/// Notices from the drone's own state stream that a flight has ended without
/// the agent landing it: the battery's auto-land at 5 %, the 15 s no-command
/// auto-land, `emergency` from another controller, a motor stop.
///
/// Why `tof`: the time-of-flight sensor measures the distance to whatever is
/// below, and reads its floor value, about 10 cm, only when the drone sits on
/// something (tello-sdk.md: "`tof` in cm (about 10 on the ground)"); a
/// flying Tello never gets that low (`down` stops 20 cm above the floor).
/// `h` is no use: it is relative to the takeoff point, so a drone that set
/// down on a table reads above zero. A few lines in a row are required, so a
/// single line that left before a reply and arrived after it cannot undo what
/// the reply said.
///
/// Only the end of a flight is taken from the stream: a drone lifted by hand
/// reads the same `tof` as one that took off, so `flying` becomes true only
/// when the drone answers the agent's `takeoff` with `ok`. A wrong guess
/// either way is corrected by the drone: `takeoff` while flying and `land` on
/// the ground are refused with an error.
public struct LandingWatch: Sendable {
    /// The `tof` reading of a drone on the ground, in cm.
    public static let groundTof = 10
    /// Consecutive ground lines (0.5 s of the 10 Hz stream) that end a flight.
    public static let linesToLand = 5

    private var groundLines = 0

    public init() {}

    /// Folds one state line in; true when it ends the flight the agent believed in.
    public mutating func landed(_ state: TelloState, flying: Bool) -> Bool {
        guard flying, state.tof <= Self.groundTof else {
            groundLines = 0
            return false
        }
        groundLines += 1
        return groundLines >= Self.linesToLand
    }
}
