import JSONValue

/// What the agent knows about the drone, as sent in `drone_status` and `get_status`.
///
/// The first nine fields are the original's `<status>` shape (all integers);
/// attitude, tof, barometer and acceleration are the compatible additions
/// docs/protocol.md lists, filled from the drone's own 10 Hz state stream.
package struct DroneStatus: Sendable, Equatable {
    package struct Vector: Sendable, Equatable {
        package var x = 0, y = 0, z = 0
        package init(x: Int = 0, y: Int = 0, z: Int = 0) { (self.x, self.y, self.z) = (x, y, z) }
        var json: JSONValue { ["x": .number(Double(x)), "y": .number(Double(y)), "z": .number(Double(z))] }
    }

    package var connected = false
    package var flying = false
    package var battery = 0
    /// Degrees Celsius: the mean of the state line's `templ` and `temph`.
    package var temperature = 0
    /// cm above the takeoff point (`h`).
    package var height = 0
    /// The state line's `vgx/vgy/vgz`.
    package var speed = Vector()
    /// Dead-reckoned from the moves the agent flew (cm, body frame at connect), as the original did.
    package var position = Vector()
    package var wifiSignal = 0
    /// Seconds of motor time (`time`).
    package var flightTime = 0
    package var yaw = 0, pitch = 0, roll = 0
    package var tof = 0
    package var barometer = 0.0
    package var acceleration = Vector()

    package init() {}

    package var json: JSONValue {
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
