/// One Tello SDK command as a value: what the client sends in one datagram.
///
/// Built from text with `TelloCommand(parsing:)` (which enforces the SDK's
/// legal ranges) and turned back into text with `text`. Covers every command
/// of the Tello SDK 2.0 User Guide plus the read commands of SDK 1.3 that
/// firmware still answers (`height?`, `temp?`, ...).
public enum TelloCommand: Sendable, Hashable {
    /// Enter SDK mode; the drone obeys nothing else before it.
    case command
    case takeoff
    case land
    case streamOn
    case streamOff
    /// Stop the motors at once: the drone falls.
    case emergency
    /// Hover where it is (SDK 2.0).
    case stop
    /// Fly `centimeters` in one direction.
    case move(MoveDirection, centimeters: Int)
    /// Turn `degrees` clockwise or counter-clockwise.
    case rotate(RotationDirection, degrees: Int)
    case flip(FlipDirection)
    /// Fly to a point (cm, body frame) at `speed` cm/s; relative to a mission pad if `pad` is set.
    case go(Vector3, speed: Int, pad: MissionPadID?)
    /// Fly an arc through `via` to `to` at `speed` cm/s; relative to a mission pad if `pad` is set.
    case curve(via: Vector3, to: Vector3, speed: Int, pad: MissionPadID?)
    /// Fly to `point` relative to pad `from`, then find pad `to` and turn to `yaw` (Tello EDU).
    case jump(Vector3, speed: Int, yaw: Int, from: MissionPadID, to: MissionPadID)
    /// Set the speed used by `move`, cm/s.
    case setSpeed(Int)
    /// Virtual sticks; the drone never replies to it.
    case rc(RemoteControl)
    /// Set the drone's own Wi-Fi network.
    case wifi(ssid: String, password: String)
    /// Mission-pad detection on (`mon`) or off (`moff`).
    case missionPadDetection(enabled: Bool)
    case missionPadDirection(MissionPadDirection)
    /// Join an access point (Tello EDU station mode).
    case accessPoint(ssid: String, password: String)
    /// A read command: the reply is a value, not `ok`.
    case read(ReadQuery)
    /// An SDK 3.0 command (RoboMaster TT; `TelloCommand+SDK3.swift`).
    case sdk3(SDK3Command)

    /// Whether a drone answers this command at all: `rc` gets no reply
    /// (SDK 2.0 guide: "rc a b c d ... Send RC control via four channels", no response listed,
    /// and djitellopy sends it with `send_command_without_return`).
    public var expectsReply: Bool {
        if case .rc = self { return false }
        return true
    }

    /// Whether the command makes the drone move (and so takes time to finish).
    public var isMotion: Bool {
        switch self {
        case .takeoff, .land, .move, .rotate, .flip, .go, .curve, .jump: return true
        default: return false
        }
    }
}

/// A point or offset in centimetres.
public struct Vector3: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var z: Int

    public init(_ x: Int, _ y: Int, _ z: Int) {
        self.x = x
        self.y = y
        self.z = z
    }

    public var description: String { "\(x) \(y) \(z)" }
}

public enum MoveDirection: String, Sendable, Hashable, CaseIterable {
    case up, down, left, right, forward, back
}

public enum RotationDirection: String, Sendable, Hashable, CaseIterable {
    case clockwise = "cw"
    case counterClockwise = "ccw"
}

public enum FlipDirection: String, Sendable, Hashable, CaseIterable {
    case left = "l"
    case right = "r"
    case forward = "f"
    case back = "b"
}

/// Mission-pad detection direction (`mdirection x`): SDK 2.0 guide, "0 = downward, 1 = forward, 2 = both".
public enum MissionPadDirection: Int, Sendable, Hashable, CaseIterable {
    case downward = 0
    case forward = 1
    case both = 2
}

/// A mission pad id `m1`..`m8` (SDK 2.0 guide, "mid = m1-m8").
public struct MissionPadID: Sendable, Hashable, CustomStringConvertible {
    public let number: Int

    /// Nil unless `number` is 1...8.
    public init?(_ number: Int) {
        guard TelloRanges.missionPad.contains(number) else { return nil }
        self.number = number
    }

    public var description: String { "m\(number)" }
}

/// The four virtual sticks of `rc a b c d`, each -100...100.
public struct RemoteControl: Sendable, Hashable {
    /// a: left (-) / right (+).
    public var leftRight: Int
    /// b: back (-) / forward (+).
    public var forwardBack: Int
    /// c: down (-) / up (+).
    public var upDown: Int
    /// d: counter-clockwise (-) / clockwise (+).
    public var yaw: Int

    public init(leftRight: Int, forwardBack: Int, upDown: Int, yaw: Int) {
        self.leftRight = leftRight
        self.forwardBack = forwardBack
        self.upDown = upDown
        self.yaw = yaw
    }

    /// All sticks centred: hover.
    public static let centered = RemoteControl(leftRight: 0, forwardBack: 0, upDown: 0, yaw: 0)
}

/// Read commands (text ends in `?`).
public enum ReadQuery: String, Sendable, Hashable, CaseIterable {
    case speed = "speed?"
    case battery = "battery?"
    case time = "time?"
    case wifi = "wifi?"
    case sdk = "sdk?"
    case serialNumber = "sn?"
    // SDK 1.3 read commands, still answered by 2.0 firmware (djitellopy's query_* methods use them).
    case height = "height?"
    case temperature = "temp?"
    case attitude = "attitude?"
    case barometer = "baro?"
    case acceleration = "acceleration?"
    case tof = "tof?"
}
