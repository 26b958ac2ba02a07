/// The simulated drone as it really is: what tests assert on and the control endpoint serves as JSON.
public struct GroundTruth: Sendable, Equatable, Codable {
    /// Position, cm, in the world's frame (`World`): x forward and y left of the standard start, z up from
    /// the floor. In the standard world the drone starts at the origin facing +x, as before worlds existed.
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
    /// The drone switched itself off (overheated on the ground) and awaits its power button.
    public var poweredOff = false
}

extension GroundTruth {
    /// Reads ground truth written before collisions were counted (saved JSON, older
    /// simulators): a missing `collisions` is 0, a missing `poweredOff` false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        x = try container.decode(Double.self, forKey: .x)
        y = try container.decode(Double.self, forKey: .y)
        z = try container.decode(Double.self, forKey: .z)
        yaw = try container.decode(Double.self, forKey: .yaw)
        motorsOn = try container.decode(Bool.self, forKey: .motorsOn)
        flying = try container.decode(Bool.self, forKey: .flying)
        battery = try container.decode(Double.self, forKey: .battery)
        temperature = try container.decode(Double.self, forKey: .temperature)
        motorTime = try container.decode(Double.self, forKey: .motorTime)
        sdkMode = try container.decode(Bool.self, forKey: .sdkMode)
        streaming = try container.decode(Bool.self, forKey: .streaming)
        speed = try container.decode(Int.self, forKey: .speed)
        activity = try container.decodeIfPresent(String.self, forKey: .activity)
        collisions = try container.decodeIfPresent(Int.self, forKey: .collisions) ?? 0
        lastCollision = try container.decodeIfPresent(Collision.self, forKey: .lastCollision)
        poweredOff = try container.decodeIfPresent(Bool.self, forKey: .poweredOff) ?? false
    }
}
