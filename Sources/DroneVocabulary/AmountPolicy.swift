/// What decides the fate of an amount outside its range: who chose the
/// number (`AmountParameter.policy(for:)`), and what `check` made of it.

/// Where an amount came from, which decides what happens when it is out of range.
package enum AmountSource: Sendable, Equatable {
    /// A plan made from a natural-language order (offline rules or a model).
    case order
    /// A client's `drone_command`.
    case command
}

package enum OutOfRangePolicy: Sendable, Equatable {
    case refuse
    case clamp
}

/// The outcome of `AmountParameter.check`.
package enum AmountVerdict: Sendable, Equatable {
    /// In range (after rounding): flown as it is.
    case fits(Double)
    /// Outside the range from a source whose policy clamps: `to` is flown.
    case clamped(from: Double, to: Double)
    /// Outside the range from a source whose policy refuses.
    case outOfRange(Double)
    /// Zero or negative after rounding: refused from any source.
    case notPositive

    /// The amount that will be flown, nil when refused.
    package var flown: Double? {
        switch self {
        case .fits(let value), .clamped(_, let value): value
        case .outOfRange, .notPositive: nil
        }
    }
}
