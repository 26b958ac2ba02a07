import TelloSDK

/// What happens when the drone flies into a wall, the ceiling or an obstacle.
///
/// A Tello has nothing that sees obstacles ahead: its only sensors look down
/// (the vision-positioning camera and the time-of-flight sensor), as DJITelloPy
/// issue #54 notes ("due to the lack of sensors on the Tello" obstacle
/// detection would be "crazy ambitious"). So the simulated drone does not stop
/// short: it flies into the obstacle, and its propeller guards stop it at
/// contact, where it hovers (it does not fall: the guards take the knock).
/// The command that was flying it cannot finish; the only reply public logs
/// show for a motion a Tello could not complete is `error Run timeout`
/// (dji-sdk/Tello-Python issue #88), so that is the reply, sent at contact
/// rather than after the firmware's own timeout so a client learns at once.
/// `rc` flights stop at contact without a reply (rc has none).
extension DroneModel {
    static let collisionReply = TelloReply.error("Run timeout")

    mutating func recordCollision(with thing: String) {
        collisionCount += 1
        lastCollision = Collision(x: pose.position.x, y: pose.position.y, z: pose.position.z, with: thing, at: now.seconds)
    }
}

/// One contact between the drone and something solid, as ground truth reports it.
public struct Collision: Sendable, Equatable, Codable {
    /// Where the drone was at contact, cm (world frame, the middle of its underside).
    public var x: Double
    public var y: Double
    public var z: Double
    /// The box's name from the world file, `wall minX`/`maxX`/`minY`/`maxY` or `ceiling`.
    public var with: String
    /// Simulated seconds since the drone's clock started.
    public var at: Double
}
