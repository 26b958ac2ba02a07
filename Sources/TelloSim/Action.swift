/// A motion in progress.
struct Action: Sendable {
    enum Kind: String, Sendable {
        case takeoff, land, autoLand, move, rotate, flip, go, curve, jump

        /// `stop` interrupts motions, not takeoff or landing.
        var isInterruptible: Bool { self != .takeoff && self != .land && self != .autoLand }
        var endsOnGround: Bool { self == .land || self == .autoLand }
    }

    let kind: Kind
    /// The command to answer when it ends; nil for the drone's own auto-land.
    let commandID: UInt64?
    let start: Duration
    /// How long the whole path takes at the commanded speed.
    let duration: Duration
    let path: FlightPath
    /// Where on its path (0...1) the drone first touches a wall or obstacle, and what it touches:
    /// the motion ends there instead of at the path's end. Nil when the path is clear.
    let contact: (fraction: Double, with: String)?
    /// What the drone does when this leg ends without contact (`jump` looks for its second pad).
    var then: FollowUp?
    /// How speed builds up and dies down along the path, and the hover before the reply.
    var profile = SpeedProfile.constant
    /// False when the drone ends this motion without a word (a `down` it cut short at its floor).
    var answered = true

    init(kind: Kind, commandID: UInt64?, start: Duration, duration: Duration, path: FlightPath,
         contact: (fraction: Double, with: String)?, then: FollowUp? = nil) {
        self.kind = kind
        self.commandID = commandID
        self.start = start
        self.duration = duration
        self.path = path
        self.contact = contact
        self.then = then
    }

    /// The part of the path flown: all of it, or up to the contact.
    var stopAt: Double { contact?.fraction ?? 1 }

    /// When the motion ends: at the path's end (plus the settling hover), or at contact.
    var end: Duration {
        guard stopAt < 1 else { return start + duration }
        if profile == .constant { return start + duration * stopAt }
        return start + profile.time(toReach: stopAt, within: duration)
    }

    var endPose: Pose { path.pose(at: stopAt) }

    func progress(at time: Duration) -> Double {
        guard duration > .zero else { return stopAt }
        return min(max(profile.fraction(at: time - start, within: duration), 0), stopAt)
    }
}

/// Speed along a motion: a linear ramp up over `ramp`, cruise, the same ramp down, then
/// `settle` of hovering before the reply. `.constant` (no ramp, no settle) is the exact drone.
struct SpeedProfile: Sendable, Equatable {
    var ramp: Duration
    var settle: Duration

    static let constant = SpeedProfile(ramp: .zero, settle: .zero)

    /// How long a path of `distance` takes at `cruise` (same units per second), settle included.
    func duration(distance: Double, cruise: Double) -> Duration {
        guard cruise > 0 else { return settle }
        // A trapezoid: the two half-ramps cost one ramp's worth of time at cruise speed.
        return .seconds(distance / cruise) + (distance > 0 ? ramp : .zero) + settle
    }

    /// The part of the path flown `elapsed` into a motion that lasts `total`.
    func fraction(at elapsed: Duration, within total: Duration) -> Double {
        let moving = (total - settle).seconds
        let t = elapsed.seconds
        guard moving > 0 else { return 1 }
        guard t < moving else { return 1 }
        let r = min(ramp.seconds, moving / 2)
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
    func time(toReach fraction: Double, within total: Duration) -> Duration {
        var low = Duration.zero
        var high = total - settle
        for _ in 0..<40 {
            let middle = (low + high) / 2
            if self.fraction(at: middle, within: total) < fraction { low = middle } else { high = middle }
        }
        return high
    }
}

/// The second part of a two-part motion.
enum FollowUp: Sendable {
    /// `jump`: find pad `to`, then fly over its centre at height `z` and turn to `yaw` in its frame.
    case findPad(MissionPadTarget)
}

/// Where `jump` goes once its first leg ends.
struct MissionPadTarget: Sendable {
    let pad: Int
    let z: Double
    let yaw: Double
    let speed: Double
}
