/// The simulated drone as it really is: what tests assert on and the control endpoint serves as JSON.
public struct GroundTruth: Sendable, Equatable, Codable {
    /// Position, cm, world frame (x forward at power-on, y left, z up, origin at the takeoff point).
    public var x: Double
    public var y: Double
    public var z: Double
    /// Heading, degrees, clockwise positive, not wrapped (two `cw 360` give 720).
    public var yaw: Double
    public var motorsOn: Bool
    public var flying: Bool
    /// Battery, % (fractional; the drone reports it rounded up).
    public var battery: Double
    public var temperature: Double
    /// Seconds the motors have run.
    public var motorTime: Double
    public var sdkMode: Bool
    public var streaming: Bool
    /// The `speed` setting, cm/s.
    public var speed: Int
    /// The motion in progress (`takeoff`, `move`, `autoLand`, ...), nil when idle.
    public var activity: String?
    /// How many times the drone has flown into a wall, the ceiling or an obstacle, and the last time it did.
    public var collisions: Int
    public var lastCollision: Collision?
}
