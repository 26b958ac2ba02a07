/// Which drone the simulator is (`--model`): what it answers to `sdk?` and
/// whether it speaks SDK 3.0.
public enum TelloModel: String, Sendable, Equatable, CaseIterable, Codable {
    /// The plain Tello on SDK 2.0 firmware (01.04.x).
    case tello
    /// Tello EDU on SDK 2.0 firmware: mission pads, station mode.
    case edu
    /// RoboMaster TT (Tello Talent), SDK 3.0: `keepalive`, `motoron`, video settings,
    /// `EXT` expansion-board commands and `ReXXYY` retry tags.
    case tt

    /// `sdk?`: `20` on SDK 2.0 firmware, `30` on SDK 3.0 (djitellopy's
    /// `query_sdk_version` docs; RoboMaster TT SDK 3.0 guide).
    public var sdkVersion: Int { self == .tt ? 30 : 20 }

    /// Whether SDK 3.0 commands are understood; the others answer them
    /// `unknown command: <word>`, as SDK 2.0 firmware does any word it lacks.
    public var speaksSDK3: Bool { self == .tt }
}
