extension DroneCommand {
    /// Whether the drone answers this command. Real drones never answer `emergency`
    /// (DJITelloPy #125 on a Tello, dji-sdk/Tello-Python #85 on a Tello EDU, where DJI's
    /// support called it a known issue), though the SDK guide lists `ok`: the link sends it
    /// and does not wait.
    public var isAnswered: Bool { self != .emergency }
}
