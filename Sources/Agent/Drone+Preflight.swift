import Foundation
import Preflight

extension Drone {
    /// Where the drone is, as the preflight starts from it: the dead-reckoned
    /// position (body frame at connect: x forward, y right) placed at the
    /// envelope's origin; on the ground, on whatever is below (the floor or
    /// a box it landed on); in the air, the time-of-flight distance to what
    /// is below it (the state stream's `tof`). Not `h`: a real drone's `h`
    /// reads low by an offset fixed for the flight (10-58 cm seen), which
    /// would let a climb through the ceiling pass. Without a `tof` yet, `h`
    /// (or the model's takeoff height) above the surface it took off from.
    /// The heading from the turns flown. A
    /// drone never connected is on the ground at the origin with a full
    /// battery (a dry run before `connect_drone`).
    func shadowStart(in envelope: FlightEnvelope, model: FlightModel) -> ShadowStart {
        let flying = isFlying
        var position = place(status.position, in: envelope)
        if flying, status.tof > 0 {
            position.z = envelope.surface(under: position + SIMD3(0, 0, .infinity)) + Double(status.tof)
        } else if flying {
            let takeoffSurface = envelope.surface(under: place(takeoffPoint, in: envelope) + SIMD3(0, 0, .infinity))
            position.z = takeoffSurface + (status.height > 0 ? Double(status.height) : model.takeoffHeight)
        } else {
            position.z = envelope.surface(under: position + SIMD3(0, 0, .infinity))
        }
        let battery = status.connected || status.battery > 0 ? Double(status.battery) : 100
        return ShadowStart(position: position, yaw: envelope.originYaw + Double(heading), battery: battery, flying: flying)
    }

    /// A dead-reckoned point (body frame at connect: x forward, y right) in the envelope's frame, on its origin's level.
    private func place(_ point: DroneStatus.Vector, in envelope: FlightEnvelope) -> SIMD3<Double> {
        let radians = envelope.originYaw * .pi / 180
        let forward = SIMD3<Double>(cos(radians), -sin(radians), 0)
        let left = SIMD3<Double>(sin(radians), cos(radians), 0)
        return envelope.origin + forward * Double(point.x) - left * Double(point.y)
    }
}

extension Drone {
    /// The height (as `shadowStart` counts it: the time-of-flight distance
    /// to what is below) and heading the drone's newest state line shows;
    /// nil without a fresh line. From the line itself, not from `status`:
    /// `status` adds a move to the height at its `ok` until the next line
    /// arrives, but a drone answers `ok` once it stopped, so the line before
    /// the `ok` already shows the move and the sum would count it twice.
    func measuredEnd(in envelope: FlightEnvelope, model: FlightModel) -> (height: Double, yaw: Double)? {
        guard let state = readings.newest(now: time.now) else { return nil }
        var position = shadowStart(in: envelope, model: model).position
        if isFlying, state.tof > 0 {
            position.z = envelope.surface(under: position + SIMD3(0, 0, .infinity)) + Double(state.tof)
        }
        return (position.z, Double(state.yaw))
    }
}
