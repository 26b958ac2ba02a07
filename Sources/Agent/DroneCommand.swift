/// One text command for the Tello, with what DroneLink must know to send it
/// safely: how long to wait for the reply and whether a lost reply may be
/// retried.
public struct DroneCommand: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `command`: enters SDK mode; harmless to repeat.
        case sdkMode
        case takeoff
        case land
        /// `emergency` / `stop`: sent at once, ahead of whatever is in flight.
        case urgent
        /// `forward 50`, `cw 90`...: never repeated (a lost `ok` must not fly the drone twice).
        case movement
        /// `streamon`, `streamoff`, `speed x`: idempotent settings.
        case setting
        /// `battery?`, `sn?`...: the reply is a value, and asking twice is harmless.
        case read
    }

    public var text: String
    public var kind: Kind
    /// How long to wait for the reply before the command counts as unanswered.
    public var timeout: Duration

    public init(_ text: String, kind: Kind, timeout: Duration? = nil) {
        self.text = text
        self.kind = kind
        self.timeout = timeout ?? Self.defaultTimeout(for: kind)
    }

    public var description: String { text }

    /// Reads and idempotent settings may be sent again after a lost reply;
    /// anything that moves the drone may not (a repeated move flies twice: movements are never retried).
    public var isRetryable: Bool {
        switch kind {
        case .sdkMode, .setting, .read: true
        case .takeoff, .land, .urgent, .movement: false
        }
    }

    /// Reads answer with a value; everything else with `ok` or an error.
    public var expectsValue: Bool { kind == .read }

    /// djitellopy waits `RESPONSE_TIMEOUT = 7` s for a reply and
    /// `TAKEOFF_TIMEOUT = 20` s for takeoff; land gets the same margin because
    /// the reply comes only once the motors stop.
    static func defaultTimeout(for kind: Kind) -> Duration {
        switch kind {
        case .takeoff, .land: .seconds(20)
        default: .seconds(7)
        }
    }

    /// The reply to a move comes when the move ends and the drone has settled: allow a tenth
    /// of the distance in seconds (the SDK's slowest speed, 10 cm/s) plus the usual 7 s. Real
    /// drones cruise at about 70 % of the set speed and settle for about 2 s before answering
    /// (`FlightParameters.realDrone`): at the default speed this is several times the flight;
    /// at speeds below about 15 cm/s long moves outlast it and are reported unanswered (never
    /// repeated; the resync probe is refused until the drone is free). Not longer: while a
    /// reply is awaited nothing else is sent, and a drone that lost the move lands by itself
    /// 15 s after the last command it heard.
    static func movementTimeout(centimetres: Int) -> Duration {
        .seconds(7) + .seconds(Double(centimetres) / 10)
    }

    /// Rotation speed is not settable; a Tello turns at roughly 90 degrees/s,
    /// a third of that leaves a wide margin.
    static func rotationTimeout(degrees: Int) -> Duration {
        .seconds(7) + .seconds(Double(degrees) / 30)
    }

    public static let sdkMode = DroneCommand("command", kind: .sdkMode)
    public static let takeoff = DroneCommand("takeoff", kind: .takeoff)
    public static let land = DroneCommand("land", kind: .land)
    public static let emergency = DroneCommand("emergency", kind: .urgent)
    public static let stop = DroneCommand("stop", kind: .urgent)
    public static let streamOn = DroneCommand("streamon", kind: .setting)
    public static let streamOff = DroneCommand("streamoff", kind: .setting)
    public static let battery = DroneCommand("battery?", kind: .read)
    /// Wi-Fi signal-to-noise: not in the state stream, so read once at connect.
    public static let wifi = DroneCommand("wifi?", kind: .read)
    /// The resynchronisation probe: no other command answers with a serial
    /// number, so its reply cannot be confused with a late one.
    public static let serialNumber = DroneCommand("sn?", kind: .read)
}
