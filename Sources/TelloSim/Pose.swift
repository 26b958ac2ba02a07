import Foundation

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
