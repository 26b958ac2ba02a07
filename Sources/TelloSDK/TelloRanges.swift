/// The legal argument ranges of the Tello SDK, in one place.
///
/// Source: Tello SDK 2.0 User Guide, command tables; where it and SDK 1.3
/// disagree the decision is noted on the constant.
public enum TelloRanges {
    /// `up/down/left/right/forward/back x`: "x = 20-500" (cm).
    public static let moveDistance = 20...500
    /// `cw/ccw x`. SDK 1.3 says 1-3600, the SDK 2.0 guide says "x = 1-360"
    /// (djitellopy's own docstrings disagree: cw 1-360, ccw 1-3600).
    /// Decision: the stricter 2.0 range, so code that passes against the
    /// simulator never sends a value some firmware refuses.
    public static let rotationDegrees = 1...360
    /// `speed x`: "x = 10-100" (cm/s).
    public static let speed = 10...100
    /// `go x y z speed`: "x/y/z = -500-500", "speed = 10-100".
    public static let coordinate = -500...500
    public static let goSpeed = 10...100
    /// "x, y and z can't be between -20 – 20 at the same time" (go, curve, jump).
    public static let deadZone = -20...20
    /// `curve ... speed`: "speed = 10-60".
    public static let curveSpeed = 10...60
    /// `curve`: "the arc radius must be within 0.5-10 meters" (in cm here).
    public static let curveRadius = 50.0...1000.0
    /// `jump ... yaw`: djitellopy go_xyz_speed_yaw_mid documents -360-360.
    public static let jumpYaw = -360...360
    /// `rc a b c d`: "a/b/c/d = -100~100".
    public static let stick = -100...100
    /// Mission pads "m1-m8".
    public static let missionPad = 1...8
}
