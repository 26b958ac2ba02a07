/// The actions a client may ask of the drone, by their protocol names
/// (docs/protocol.md, "Actions"). What each one takes, in which unit, within
/// which range and with which default is in `DroneVocabulary.table`; the
/// properties here only read that table.
package enum DroneAction: String, Sendable, CaseIterable {
    case takeoff, land, emergency
    case moveForward = "move_forward", moveBack = "move_back"
    case moveLeft = "move_left", moveRight = "move_right"
    case moveUp = "move_up", moveDown = "move_down"
    case rotateClockwise = "rotate_clockwise", rotateCounterClockwise = "rotate_counter_clockwise"
    case hover
    case getBattery = "get_battery", getStatus = "get_status"
    /// `stop`: hover in place at once. A client's `drone_command` only: no
    /// planner produces it (an order's 停止/stop is a hover, which ends).
    case stop

    /// This action's row of the table.
    package var entry: DroneVocabulary.Entry { DroneVocabulary.entry(self) }

    /// The one numeric parameter this action takes, if any.
    package var parameter: AmountParameter? { entry.parameter }

    /// `distance`, `degrees`, `seconds` or nil.
    package var parameterName: String? { parameter?.name }

    /// Whether a plan may contain this action (what the planners and the
    /// model's prompt offer).
    package var isPlannable: Bool { entry.plannable }

    /// The actions a plan may contain, in the table's order.
    package static var plannable: [DroneAction] { allCases.filter(\.isPlannable) }
}
