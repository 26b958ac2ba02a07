import Foundation
import Preflight

extension Drone {
    /// Where the drone is, as the preflight starts from it: the dead-reckoned
    /// position (body frame at connect: x forward, y right) placed at the
    /// envelope's origin, the height from the state stream (the model's
    /// takeoff height when the stream has not said yet), the heading from
    /// the turns flown. A drone never connected is on the ground at the
    /// origin with a full battery (a dry run before `connect_drone`).
    func shadowStart(in envelope: FlightEnvelope, model: FlightModel) -> ShadowStart {
        let radians = envelope.originYaw * .pi / 180
        let forward = SIMD3<Double>(cos(radians), -sin(radians), 0)
        let left = SIMD3<Double>(sin(radians), cos(radians), 0)
        let flying = isFlying
        var position = envelope.origin + forward * Double(status.position.x) - left * Double(status.position.y)
        position.z = envelope.origin.z + (flying ? (status.height > 0 ? Double(status.height) : model.takeoffHeight) : 0)
        let battery = status.connected || status.battery > 0 ? Double(status.battery) : 100
        return ShadowStart(position: position, yaw: envelope.originYaw + Double(heading), battery: battery, flying: flying)
    }
}
