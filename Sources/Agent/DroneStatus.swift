import JSONValue

/// What the agent knows about the drone, as sent in `drone_status` and `get_status`.
///
/// The first nine fields are the original's `<status>` shape (all integers);
/// attitude, tof, barometer and acceleration are the compatible additions
/// docs/protocol.md lists, filled from the drone's own 10 Hz state stream.
public struct DroneStatus: Sendable, Equatable {
    public struct Vector: Sendable, Equatable {
        public var x = 0, y = 0, z = 0
        public init(x: Int = 0, y: Int = 0, z: Int = 0) { (self.x, self.y, self.z) = (x, y, z) }
        var json: JSONValue { ["x": .number(Double(x)), "y": .number(Double(y)), "z": .number(Double(z))] }
    }

    public var connected = false
    public var flying = false
    public var battery = 0
    /// Degrees Celsius: the mean of the state line's `templ` and `temph`.
    public var temperature = 0
    /// cm above the takeoff point (`h`).
    public var height = 0
    /// The state line's `vgx/vgy/vgz`.
    public var speed = Vector()
    /// Dead-reckoned from the moves the agent flew (cm, body frame at connect), as the original did.
    public var position = Vector()
    public var wifiSignal = 0
    /// Seconds of motor time (`time`).
    public var flightTime = 0
    public var yaw = 0, pitch = 0, roll = 0
    public var tof = 0
    public var barometer = 0.0
    public var acceleration = Vector()

    public init() {}

    public var json: JSONValue {
        [
            "connected": .bool(connected), "flying": .bool(flying), "battery": .number(Double(battery)),
            "temperature": .number(Double(temperature)), "height": .number(Double(height)),
            "speed": speed.json, "position": position.json, "wifi_signal": .number(Double(wifiSignal)),
            "flight_time": .number(Double(flightTime)),
            "yaw": .number(Double(yaw)), "pitch": .number(Double(pitch)), "roll": .number(Double(roll)),
            "tof": .number(Double(tof)), "barometer": .number(barometer), "acceleration": acceleration.json,
        ]
    }
}
