import TelloSDK

/// How soon, at the earliest, a drone can answer a motion with `ok`.
///
/// Why: a Tello answers a move or a turn only once it has flown it, so an
/// `ok` that comes back sooner after the command left than the motion can
/// take is not its answer; it is a copy of an earlier reply. That is what
/// lets a move go out right after the previous move's `ok` instead of
/// waiting out the reply guard: a duplicate of that `ok` comes within the
/// guard, before the move could possibly be done, and is discarded.
///
/// The bounds are the drone's limits, not its usual pace: moves at the
/// SDK's top speed (`speed` takes 10-100 cm/s; real drones cruise at about
/// 70 % of it after a ramp and hover before answering), turns at 360°/s
/// (a Tello turns at about 90°/s; the SDK sets no rate). Left out, since
/// their `ok` may come at once: `down`, which the downward sensors cut short
/// near the floor (a drone at its lowest hover has nothing to fly), and
/// takeoff and land (a drone already in the state they ask for).
extension DroneCommand {
    static let fastestMove = 100.0  // cm/s
    static let fastestTurn = 360.0  // degrees/s

    /// The least time between sending this command and its `ok`; zero when it could come at once.
    var shortestFlight: Duration {
        switch command {
        case .move(let direction, let centimetres) where direction != .down: .seconds(Double(centimetres) / Self.fastestMove)
        case .rotate(_, let degrees): .seconds(Double(degrees) / Self.fastestTurn)
        default: .zero
        }
    }
}
