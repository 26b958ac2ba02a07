import TelloPerformance

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
