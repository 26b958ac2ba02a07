/// The action vocabulary of the agent protocol (docs/protocol.md,
/// "Actions"): what a plan may contain, whoever made it.
///
/// Both planners map into this set, so an LLM reply naming anything else is
/// rejected with a clear error instead of reaching the executor.
public enum DroneAction: String, Sendable, CaseIterable {
    case takeoff, land, emergency
    case moveForward = "move_forward", moveBack = "move_back"
    case moveLeft = "move_left", moveRight = "move_right"
    case moveUp = "move_up", moveDown = "move_down"
    case rotateClockwise = "rotate_clockwise", rotateCounterClockwise = "rotate_counter_clockwise"
    case hover
    case getBattery = "get_battery", getStatus = "get_status"

    /// The one numeric parameter this action takes, if any: `distance` (cm)
    /// for moves, `degrees` for turns, `seconds` for hover.
    public var parameterName: String? {
        switch self {
        case .moveForward, .moveBack, .moveLeft, .moveRight, .moveUp, .moveDown: "distance"
        case .rotateClockwise, .rotateCounterClockwise: "degrees"
        case .hover: "seconds"
        case .takeoff, .land, .emergency, .getBattery, .getStatus: nil
        }
    }

    /// Legal values of `parameterName`. Moves and turns are the SDK's ranges
    /// (`forward x`: x in 20..500; `cw x`: x in 1..360, docs/tello-sdk.md); hover is
    /// capped at 60 s by us, so one order cannot park the drone indefinitely.
    public var parameterRange: ClosedRange<Double>? {
        switch parameterName {
        case "distance": 20...500
        case "degrees": 1...360
        case "seconds": 0.1...60
        default: nil
        }
    }

    /// The original's defaults when an order names no amount: 30 cm, 90°.
    /// Hover has none: without `seconds` the agent just holds position.
    public var defaultAmount: Double? {
        switch parameterName {
        case "distance": 30
        case "degrees": 90
        default: nil
        }
    }

    public var isRotation: Bool { parameterName == "degrees" }
}
