import TelloSDK

/// How an action moves the drone from its start to its end.
enum FlightPath: Sendable {
    /// Straight line (and/or turn in place), constant speed.
    case line(from: Pose, to: Pose)
    /// Circular arc through a middle point (`curve`).
    case arc(ArcPath, yaw: Double)
    /// In place, attitude spinning about one axis (`flip`).
    case flip(Pose, FlipDirection)

    func pose(at progress: Double) -> Pose {
        let p = min(max(progress, 0), 1)
        switch self {
        case let .line(from, to):
            return Pose(position: from.position + (to.position - from.position) * p, yaw: from.yaw + (to.yaw - from.yaw) * p)
        case let .arc(arc, yaw):
            return Pose(position: arc.point(at: p), yaw: yaw)
        case let .flip(pose, _):
            return pose
        }
    }

    var end: Pose { pose(at: 1) }
}
