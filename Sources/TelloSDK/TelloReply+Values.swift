/// The value replies of read commands, in the formats real drones use.
///
/// The SDK guides only give ranges ("battery? x: 0-100"); the exact text
/// comes from captures of real drones (Tello firmware 01.04, SDK 2.0):
/// `speed?` answers a float such as `100.0` (decision: float, as captured;
/// note djitellopy's `query_speed` calls `int()` on it and so fails on real
/// drones too), `time?` answers motor time with a unit, `0s`, `height?` `10dm`,
/// `temp?` `63~65C`, `tof?` `100mm`. Integers-only replies: `battery?`, `wifi?`, `sdk?`.
extension TelloReply {
    public static func speed(_ centimetersPerSecond: Int) -> TelloReply { .value("\(centimetersPerSecond).0") }
    public static func battery(_ percent: Int) -> TelloReply { .value("\(percent)") }
    public static func motorTime(_ seconds: Int) -> TelloReply { .value("\(seconds)s") }
    public static func wifiSignal(_ snr: Int) -> TelloReply { .value("\(snr)") }
    /// `sdk?` on SDK 2.0 firmware answers `20`.
    public static func sdkVersion(_ version: Int) -> TelloReply { .value("\(version)") }
    public static func serialNumber(_ serial: String) -> TelloReply { .value(serial) }
    public static func height(decimetres: Int) -> TelloReply { .value("\(decimetres)dm") }
    public static func temperature(low: Int, high: Int) -> TelloReply { .value("\(low)~\(high)C") }
    public static func tof(millimetres: Int) -> TelloReply { .value("\(millimetres)mm") }
    public static func attitude(pitch: Int, roll: Int, yaw: Int) -> TelloReply {
        .value("pitch:\(pitch);roll:\(roll);yaw:\(yaw);")
    }
    public static func barometer(metres: Double) -> TelloReply { .value(FixedPoint.format(metres, decimals: 2)) }
    public static func acceleration(x: Double, y: Double, z: Double) -> TelloReply {
        .value("agx:\(FixedPoint.format(x, decimals: 2));agy:\(FixedPoint.format(y, decimals: 2));agz:\(FixedPoint.format(z, decimals: 2));")
    }

    /// The leading number of a value reply, ignoring a unit suffix:
    /// `87` -> 87, `100.0` -> 100, `12s` -> 12, `10dm` -> 10, `63~65C` -> 63.
    /// Nil for non-value replies or when the value does not start with a number.
    public var leadingNumber: Double? {
        guard case .value(let text) = self else { return nil }
        var end = text.startIndex
        for (offset, character) in text.enumerated() {
            let allowed = character.isNumber || character == "." || (offset == 0 && character == "-")
            guard allowed else { break }
            end = text.index(after: end)
        }
        return Double(text[text.startIndex..<end])
    }
}

/// Fixed-point decimal text (`%.2f` without Foundation or locale).
public enum FixedPoint {
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        var text = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}
