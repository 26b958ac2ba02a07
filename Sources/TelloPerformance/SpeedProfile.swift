/// Speed along a motion: a linear ramp up over `ramp`, cruise, the same ramp down, then
/// `settle` of hovering before the reply. `.constant` (no ramp, no settle) is the exact drone.
package struct SpeedProfile: Sendable, Equatable {
    package var ramp: Duration
    package var settle: Duration

    package init(ramp: Duration, settle: Duration) {
        self.ramp = ramp
        self.settle = settle
    }

    package static let constant = SpeedProfile(ramp: .zero, settle: .zero)

    /// How long a path of `distance` takes at `cruise` (same units per second), settle included.
    package func duration(distance: Double, cruise: Double) -> Duration {
        guard cruise > 0 else { return settle }
        // A trapezoid: the two half-ramps cost one ramp's worth of time at cruise speed.
        return .seconds(distance / cruise) + (distance > 0 ? ramp : .zero) + settle
    }

    /// The part of the path flown `elapsed` into a motion that lasts `total`.
    package func fraction(at elapsed: Duration, within total: Duration) -> Double {
        let moving = Self.seconds(total - settle)
        let t = Self.seconds(elapsed)
        guard moving > 0 else { return 1 }
        guard t < moving else { return 1 }
        let r = min(Self.seconds(ramp), moving / 2)
        guard r > 0 else { return max(t, 0) / moving }
        // Distance in units of cruise-seconds: the whole path is `moving - r`.
        let whole = moving - r
        let covered: Double
        if t <= r {
            covered = t * t / (2 * r)
        } else if t <= moving - r {
            covered = r / 2 + (t - r)
        } else {
            let left = moving - t
            covered = whole - left * left / (2 * r)
        }
        return covered / whole
    }

    /// When the motion reaches `fraction` of its path (bisection: `fraction(at:)` only grows).
    package func time(toReach fraction: Double, within total: Duration) -> Duration {
        var low = Duration.zero
        var high = total - settle
        for _ in 0..<40 {
            let middle = (low + high) / 2
            if self.fraction(at: middle, within: total) < fraction { low = middle } else { high = middle }
        }
        return high
    }

    /// A duration as seconds, for the arithmetic above (this module imports nothing).
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
