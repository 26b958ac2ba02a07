import TelloSDK

/// The drone vocabulary in one table: per action, the names a model may use
/// for it, its amount (name and aliases, unit, range, default, step) and
/// whether a plan may contain it. The offline planner, the model plan
/// reader, `drone_command` decoding and the command sent to the drone all
/// read this table, so they cannot disagree on a range or a default; a
/// check before flight (a preflight) can query it the same way:
///
///     DroneAction.moveUp.parameter?.range      // 20...500
///     DroneAction.hover.parameter?.defaultValue // 3
///     DroneVocabulary.entry(named: "cw")?.action // .rotateClockwise
package enum DroneVocabulary {
    package struct Entry: Sendable, Equatable {
        package let action: DroneAction
        /// Other names a model may give the action (`forward`, `cw`, `take_off`);
        /// a client's `drone_command` uses the protocol name only.
        package let aliases: [String]
        package let parameter: AmountParameter?
        package let plannable: Bool

        init(_ action: DroneAction, aliases: [String] = [], _ parameter: AmountParameter? = nil, plannable: Bool = true) {
            self.action = action
            self.aliases = aliases
            self.parameter = parameter
            self.plannable = plannable
        }
    }

    /// Moves: the SDK's `forward x` etc., x in 20..500 cm (`TelloRanges`);
    /// the original agent's default of 30 cm.
    package static let distance = AmountParameter(
        name: "distance", aliases: ["distance", "cm", "x", "value", "amount"], unit: .centimetres,
        range: Double(TelloRanges.moveDistance.lowerBound)...Double(TelloRanges.moveDistance.upperBound),
        defaultValue: 30, defaultShownInPlan: true, stepsPerUnit: 1)

    /// Turns: the SDK's `cw x` / `ccw x`, the 1..360 every firmware takes;
    /// the original's default of 90°.
    package static let degrees = AmountParameter(
        name: "degrees", aliases: ["degrees", "degree", "angle", "deg", "x", "value", "amount"], unit: .degrees,
        range: Double(TelloRanges.rotationDegrees.lowerBound)...Double(TelloRanges.rotationDegrees.upperBound),
        defaultValue: 90, defaultShownInPlan: true, stepsPerUnit: 1)

    /// Hover is the agent waiting (the keepalive runs meanwhile), nothing is
    /// sent: tenths of a second down to 0.1 s, capped at 60 s so one step
    /// cannot hold the drone for long. 3 s when no time is named.
    package static let seconds = AmountParameter(
        name: "seconds", aliases: ["seconds", "second", "duration", "time", "secs", "value", "amount"], unit: .seconds,
        range: 0.1...60, defaultValue: 3, defaultShownInPlan: false, stepsPerUnit: 10)

    /// The table. Order is the protocol's (and the model prompt's) order.
    package static let table: [Entry] = [
        Entry(.takeoff, aliases: ["take_off", "launch"]),
        Entry(.land, aliases: ["landing"]),
        Entry(.emergency, aliases: ["stop_motors"]),
        Entry(.moveForward, aliases: ["forward", "move_forwards"], distance),
        Entry(.moveBack, aliases: ["back", "backward", "move_backward"], distance),
        Entry(.moveLeft, aliases: ["left"], distance),
        Entry(.moveRight, aliases: ["right"], distance),
        Entry(.moveUp, aliases: ["up"], distance),
        Entry(.moveDown, aliases: ["down"], distance),
        Entry(.rotateClockwise, aliases: ["cw", "clockwise", "rotate_cw", "rotate_right", "turn_right"], degrees),
        Entry(.rotateCounterClockwise, aliases: ["ccw", "counter_clockwise", "rotate_ccw", "rotate_counterclockwise",
                                                 "rotate_anticlockwise", "rotate_left", "turn_left"], degrees),
        Entry(.hover, aliases: ["wait"], seconds),
        Entry(.getBattery, aliases: ["battery"]),
        Entry(.getStatus, aliases: ["status"]),
        Entry(.stop, plannable: false),
    ]

    private static let byAction: [DroneAction: Entry] = Dictionary(uniqueKeysWithValues: table.map { ($0.action, $0) })
    private static let byAlias: [String: Entry] = Dictionary(table.flatMap { entry in entry.aliases.map { ($0, entry) } },
                                                             uniquingKeysWith: { first, _ in first })

    /// Every action has exactly one row (checked by the vocabulary tests).
    package static func entry(_ action: DroneAction) -> Entry {
        guard let entry = byAction[action] else { preconditionFailure("no table row for \(action.rawValue)") }
        return entry
    }

    /// The row for a protocol name or an alias, exactly as given.
    package static func entry(named name: String) -> Entry? {
        DroneAction(rawValue: name).map(entry) ?? byAlias[name]
    }
}
