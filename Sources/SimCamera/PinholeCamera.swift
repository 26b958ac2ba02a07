import Foundation

/// The drone's forward camera as an ideal pinhole: a level camera (the Tello's is fixed to
/// the airframe and we model no pitch or roll), looking along the drone's heading.
public struct PinholeCamera: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Focal length in pixels (the same horizontally and vertically: square pixels).
    public var focalLength: Double
    /// Height of the lens over the pose's point (the middle of the drone's underside), cm.
    public var lensHeight: Double

    public init(width: Int, height: Int, focalLength: Double, lensHeight: Double = 3) {
        self.width = width
        self.height = height
        self.focalLength = focalLength
        self.lensHeight = lensHeight
    }

    /// A Tello's 960x720 video. The focal length is a published calibration of a real Tello's
    /// video camera, 921.2 x 919.0 px at 960x720 (clydemcqueen/tello_ros,
    /// tello_driver/cfg/camera_info.yaml): about 55° across and 43° up and down. Larger
    /// figures quoted for the Tello's camera describe its 5 MP still photos, not this video.
    public static let tello = PinholeCamera(width: 960, height: 720, focalLength: 920)

    /// Horizontal field of view, degrees.
    public var horizontalFieldOfView: Double { 2 * atan(Double(width) / 2 / focalLength) * 180 / .pi }

    /// Where a world point lands in the picture (pixels, x right, y down), nil if behind the camera.
    public func project(_ point: SIMD3<Double>, from pose: CameraPose) -> (x: Double, y: Double)? {
        let relative = point - SIMD3(pose.position.x, pose.position.y, pose.position.z + lensHeight)
        let axes = pose.axes
        let ahead = relative.x * axes.forward.x + relative.y * axes.forward.y
        guard ahead > 1e-9 else { return nil }
        let right = relative.x * axes.right.x + relative.y * axes.right.y
        return (Double(width) / 2 + focalLength * right / ahead, Double(height) / 2 - focalLength * relative.z / ahead)
    }
}

/// Where the drone is (cm, world frame) and its heading (degrees, clockwise positive, as `cw` turns it).
public struct CameraPose: Sendable, Equatable {
    public var position: SIMD3<Double>
    public var yaw: Double

    public init(position: SIMD3<Double>, yaw: Double) {
        self.position = position
        self.yaw = yaw
    }

    /// Unit vectors of the heading and of the camera's right in the floor plane.
    var axes: (forward: SIMD2<Double>, right: SIMD2<Double>) {
        let radians = yaw * .pi / 180
        let (s, c) = (sin(radians), cos(radians))
        // Yaw is clockwise seen from above, so forward turns from +x toward -y.
        return (SIMD2(c, -s), SIMD2(-s, -c))
    }
}
