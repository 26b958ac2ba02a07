import Foundation
import TelloSDK

/// Where the drone is (cm, world frame: x forward at power-on, y left, z up)
/// and which way it points (degrees, clockwise positive as `cw` turns it, unbounded).
public struct Pose: Sendable, Equatable {
    public var position: SIMD3<Double>
    public var yaw: Double

    public init(position: SIMD3<Double> = .zero, yaw: Double = 0) {
        self.position = position
        self.yaw = yaw
    }

    /// A body-frame offset (x forward, y left, z up) turned into the world frame.
    func worldOffset(_ body: SIMD3<Double>) -> SIMD3<Double> {
        let radians = yaw * .pi / 180
        let forward = SIMD3<Double>(cos(radians), -sin(radians), 0)
        let left = SIMD3<Double>(sin(radians), cos(radians), 0)
        return forward * body.x + left * body.y + SIMD3(0, 0, body.z)
    }

    /// The inverse of `worldOffset`: a world-frame vector in body axes.
    func bodyOffset(fromWorld world: SIMD3<Double>) -> SIMD3<Double> {
        let radians = yaw * .pi / 180
        let forward = SIMD3<Double>(cos(radians), -sin(radians), 0)
        let left = SIMD3<Double>(sin(radians), cos(radians), 0)
        return SIMD3(dot(world, forward), dot(world, left), world.z)
    }
}

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

/// The circle through three points, walked from the first through the second to the third.
struct ArcPath: Sendable {
    let center: SIMD3<Double>
    let radius: Double
    /// Unit vectors of the circle's plane: `e1` points at the start, `e2` toward the direction of travel.
    let e1: SIMD3<Double>
    let e2: SIMD3<Double>
    /// Angle swept from start to end, radians, in (0, 2π).
    let sweep: Double

    /// Nil when the points are (nearly) on one line: no circle passes through them.
    init?(from start: SIMD3<Double>, via middle: SIMD3<Double>, to end: SIMD3<Double>) {
        let a = middle - start
        let b = end - start
        let normal = cross(a, b)
        let normalSquared = dot(normal, normal)
        guard normalSquared > 1e-6 * dot(a, a) * dot(b, b), normalSquared > 0 else { return nil }
        // Circumcentre: start + ((|a|² b − |b|² a) × (a × b)) / (2 |a × b|²).
        let center = start + cross(dot(a, a) * b - dot(b, b) * a, normal) / (2 * normalSquared)
        let radius = TelloSim.length(start - center)
        let e1 = (start - center) / radius
        let e2 = cross(normal / normalSquared.squareRoot(), e1)
        let endOffset = end - center
        var angle = atan2(dot(endOffset, e2), dot(endOffset, e1))
        if angle <= 0 { angle += 2 * .pi }
        self.center = center
        self.radius = radius
        self.e1 = e1
        self.e2 = e2
        self.sweep = angle
    }

    var length: Double { radius * sweep }

    func point(at progress: Double) -> SIMD3<Double> {
        let angle = sweep * progress
        return center + radius * (cos(angle) * e1 + sin(angle) * e2)
    }
}

func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
