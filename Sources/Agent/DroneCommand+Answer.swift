import TelloSDK

extension DroneCommand {
    /// Whether the drone answers this command. Real drones never answer `emergency`
    /// (DJITelloPy #125 on a Tello, dji-sdk/Tello-Python #85 on a Tello EDU, where DJI's
    /// support called it a known issue), though the SDK guide lists `ok`: the link sends it
    /// and does not wait.
    package var isAnswered: Bool { self != .emergency }
}

extension DroneCommand {
    /// SDK 3.0's own keepalive (RoboMaster TT; djitellopy `send_keepalive`): answered `ok`,
    /// harmless to repeat. Sent while the link is in step only (after any unanswered command
    /// the resync probe goes first), where an `ok` is its own.
    package static let keepalive = DroneCommand(.sdk3(.keepalive))
    /// `sdk?`: `20` on SDK 2.0 firmware, `30` on SDK 3.0.
    package static let sdkVersion = DroneCommand(.read(.sdk))

    /// The keepalive for a drone whose `sdk?` answered `reply`: its own on SDK 3.x, `battery?` else.
    static func keepalive(forSDK reply: TelloReply) -> DroneCommand {
        guard case .value(let text) = reply, let version = Int(text), (30..<40).contains(version) else { return .battery }
        return .keepalive
    }
}
