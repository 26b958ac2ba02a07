import Foundation
import TelloSDK

/// Which mission pad the downward camera sees, and where the drone is in a pad's frame.
///
/// The Tello EDU guides give no detection range or field of view. Our numbers:
/// a pad is seen when the drone is 30 to 120 cm above it (the takeoff hover of
/// about 100 cm is inside; a public log shows a pad read at 74 cm,
/// tello-asyncio issue #4) and its centre lies within a cone of 30° around
/// straight down (the 60° the downward camera is taken to see). With several
/// pads in view the nearest counts. Documented in docs/world.md.
extension World {
    static let padDetectionHeight = 30.0...120.0
    static let padDetectionHalfAngle = 30.0

    /// The pad the downward camera sees from `position`, nil if none.
    func padInView(from position: SIMD3<Double>) -> MissionPad? {
        var best: (pad: MissionPad, distance: Double)?
        let reach = tan(Self.padDetectionHalfAngle * .pi / 180)
        for pad in pads {
            let centre = padCentre(pad)
            let height = position.z - centre.z
            guard Self.padDetectionHeight.contains(height) else { continue }
            let across = ((position.x - centre.x) * (position.x - centre.x) + (position.y - centre.y) * (position.y - centre.y)).squareRoot()
            guard across <= height * reach else { continue }
            if across < (best?.distance ?? .infinity) { best = (pad, across) }
        }
        return best?.pad
    }

    /// The pad's centre, on the floor or the box top below it.
    func padCentre(_ pad: MissionPad) -> SIMD3<Double> {
        SIMD3(pad.x, pad.y, surface(belowX: pad.x, y: pad.y))
    }

    /// The pad's frame: origin at its centre, x along its rocket, y to the rocket's left, z up
    /// (the same handedness as the drone's body frame, so `go 0 50 100 m1` is 50 cm to the rocket's left).
    func padFrame(_ pad: MissionPad) -> Pose {
        Pose(position: padCentre(pad), yaw: pad.yaw)
    }
}
