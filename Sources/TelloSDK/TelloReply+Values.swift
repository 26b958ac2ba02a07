/// The value replies of read commands, in the formats real drones use.
///
/// The SDK guides only give ranges ("battery? x: 0-100"); the exact text comes
/// from clients written against real drones: TelloSwift's `DroneTello.swift`
/// documents raw replies `100.0` for `speed?`, `15dm` for `height?` ("the
/// official SDK documentation specifies cm, but the value returned is in dm")
/// and `11s` for `time?`; a djitellopy user's script notes that
/// `query_speed()` fails with "invalid literal for int() with base 10: '100.0'".
/// `temp?` answers a range such as `63~65C`, `tof?` millimetres such as `100mm`.
/// Bare integers: `battery?`, `wifi?`, `sdk?`.
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
    /// Rounds to `decimals` places (at most 9). Values whose scaled magnitude
    /// does not fit 2^53 (far beyond any drone reading) and non-finite values
    /// are written in Swift's own notation instead of trapping.
    public static func format(_ value: Double, decimals: Int) -> String {
        let decimals = min(max(decimals, 0), 9)
        var limit = 9_007_199_254_740_992.0 // 2^53: every integer below is exact in a Double
        for _ in 0..<decimals { limit /= 10 }
        guard value.isFinite, abs(value) < limit else { return String(value) }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = Int64((abs(value) * Double(scale)).rounded())
        let negative = value < 0 && units != 0
        let whole = units / scale
        let fraction = units % scale
        var text = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}
