/// One state line: what the drone sends about ten times a second to the client's port 8890.
///
/// Units (SDK 2.0 guide, "Tello State", checked against captures): attitude
/// in degrees (yaw -180...180), velocities `vg*` in dm/s (the guide says
/// nothing; djitellopy issue #96 shows `vgx` peaking at 7 during a move at
/// 70 cm/s, so decimetres), temperatures in °C, `tof` and `h` in cm, `bat` in %,
/// `baro` in metres, `time` in seconds of motor time, `ag*` in 0.001 g
/// (`agz` about -1000 at rest).
public struct TelloState: Sendable, Equatable {
    /// The SDK 2.0 mission-pad prefix; nil means the SDK 1.3 layout (no prefix).
    public var missionPad: MissionPadState?
    public var pitch: Int
    public var roll: Int
    public var yaw: Int
    public var vgx: Int
    public var vgy: Int
    public var vgz: Int
    public var templ: Int
    public var temph: Int
    public var tof: Int
    public var h: Int
    public var bat: Int
    public var baro: Double
    public var time: Int
    public var agx: Double
    public var agy: Double
    public var agz: Double

    public init(
        missionPad: MissionPadState? = nil, pitch: Int = 0, roll: Int = 0, yaw: Int = 0,
        vgx: Int = 0, vgy: Int = 0, vgz: Int = 0, templ: Int = 0, temph: Int = 0,
        tof: Int = 10, h: Int = 0, bat: Int = 100, baro: Double = 0, time: Int = 0,
        agx: Double = 0, agy: Double = 0, agz: Double = -1000
    ) {
        self.missionPad = missionPad
        self.pitch = pitch
        self.roll = roll
        self.yaw = yaw
        self.vgx = vgx
        self.vgy = vgy
        self.vgz = vgz
        self.templ = templ
        self.temph = temph
        self.tof = tof
        self.h = h
        self.bat = bat
        self.baro = baro
        self.time = time
        self.agx = agx
        self.agy = agy
        self.agz = agz
    }
}

/// The mission-pad fields of an SDK 2.0 state line: `mid:%d;x:%d;y:%d;z:%d;mpry:%d,%d,%d;`.
public struct MissionPadState: Sendable, Equatable {
    /// Pad id 1...8, or -1 (no pad seen) / -2 (detection off).
    public var mid: Int
    /// Position relative to the pad, cm.
    public var x: Int
    public var y: Int
    public var z: Int
    /// Attitude relative to the pad, degrees (`mpry:pitch,roll,yaw`).
    public var pitch: Int
    public var roll: Int
    public var yaw: Int

    public init(mid: Int, x: Int, y: Int, z: Int, pitch: Int = 0, roll: Int = 0, yaw: Int = 0) {
        self.mid = mid
        self.x = x
        self.y = y
        self.z = z
        self.pitch = pitch
        self.roll = roll
        self.yaw = yaw
    }

    /// Detection off (`moff`, the power-on default). Decision from captures of
    /// Tello EDU state lines: `mid:-2;x:-200;y:-200;z:-200;mpry:0,0,0;`
    /// (the guide only says "-2 if detection is off"; the coordinates follow the id).
    public static let detectionOff = MissionPadState(mid: -2, x: -200, y: -200, z: -200)
    /// Detection on but no pad in view: `mid:-1;x:-100;y:-100;z:-100;mpry:0,0,0;`
    /// (guide: "-1 if no pad is recognised"; coordinates as captured).
    public static let notDetected = MissionPadState(mid: -1, x: -100, y: -100, z: -100)
}
