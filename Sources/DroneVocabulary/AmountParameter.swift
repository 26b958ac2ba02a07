/// The one number an action takes: its name in `parameters`, its unit, the
/// legal range, the default when none is given, and how finely it is flown.
package struct AmountParameter: Sendable, Equatable {
    /// The canonical key in `parameters` (`distance`, `degrees`, `seconds`).
    package let name: String
    /// Other keys read as this parameter, canonical name first; the first one
    /// present wins. Shared by `drone_command` and the model plan reader.
    package let aliases: [String]
    package let unit: AmountUnit
    /// Legal values, after rounding to `stepsPerUnit`.
    package let range: ClosedRange<Double>
    /// What is flown when the parameter is left out.
    package let defaultValue: Double
    /// Whether the offline planner writes the default into a plan that names
    /// no amount (moves and turns: yes, so the plan shows what will be flown;
    /// hover: no, "悬停" plans a hover without `seconds`, as the original did).
    package let defaultShownInPlan: Bool
    /// Values are rounded to 1/stepsPerUnit of the unit: 1 for whole
    /// centimetres and degrees (the SDK takes integers), 10 for tenths of a
    /// second (the agent's own wait).
    package let stepsPerUnit: Int

    /// `value` rounded to the parameter's step. Divides by an integer rather
    /// than multiplying by 0.1, so 0.3 stays 0.3 exactly as written.
    package func rounded(_ value: Double) -> Double {
        (value * Double(stepsPerUnit)).rounded() / Double(stepsPerUnit)
    }

    /// Whether `value`, once rounded, may be flown as it is.
    package func contains(_ value: Double) -> Bool { range.contains(rounded(value)) }

    /// What becomes of a requested `value` (finite) from `source`:
    /// rounded to the step, then, if outside the range, refused or clamped as
    /// `policy(for: source)` says. Zero and negative amounts (after rounding)
    /// are refused under either policy: they are not a smaller flight but a
    /// mistake, and clamping `-30` to `20` would fly the wrong way's distance.
    package func check(_ value: Double, from source: AmountSource) -> AmountVerdict {
        let requested = rounded(min(max(value, -1e9), 1e9))  // huge values clamp like any other
        guard requested > 0 else { return .notPositive }
        if range.contains(requested) { return .fits(requested) }
        switch Self.policy(for: source) {
        case .refuse: return .outOfRange(requested)
        case .clamp: return .clamped(from: requested, to: min(max(requested, range.lowerBound), range.upperBound))
        }
    }

    /// The out-of-range policy, one rule for every action (docs/protocol.md,
    /// "Actions"): an amount read out of an order (either planner) that falls
    /// outside the range is refused, the whole plan with it, before anything
    /// flies, because an interpretation that lands out of range is likely a
    /// wrong one (10 米 heard as 1000 cm, a model mixing up mm and cm). A
    /// client's own `drone_command` asked for that number on purpose: it is
    /// clamped into the range and the result says so, as the original agent's
    /// clients expect.
    package static func policy(for source: AmountSource) -> OutOfRangePolicy {
        switch source {
        case .order: .refuse
        case .command: .clamp
        }
    }

    /// `30` for whole values, `0.3` otherwise: amounts in messages and reports.
    package func format(_ value: Double) -> String { AmountParameter.format(value) }

    package static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// The unit of an action's amount.
package enum AmountUnit: String, Sendable, Equatable {
    case centimetres = "cm"
    case degrees = "°"
    case seconds = "s"

    /// The unit as the model prompt and Chinese texts name it.
    package var chinese: String {
        switch self {
        case .centimetres: "厘米"
        case .degrees: "度"
        case .seconds: "秒"
        }
    }
}
