import TelloSDK

/// One Tello command (TelloSDK's `TelloCommand`, the value the datagram is
/// written from) with what DroneLink must know to send it safely: how long
/// to wait for the reply and whether a lost reply may be retried.
package struct DroneCommand: Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
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
        /// What the agent never sends (`rc`, `wifi`, `ap`, ...): never repeated.
        case other

        init(_ command: TelloCommand) {
            switch command {
            case .command: self = .sdkMode
            case .takeoff: self = .takeoff
            case .land: self = .land
            case .emergency, .stop: self = .urgent
            case .move, .rotate, .flip, .go, .curve, .jump: self = .movement
            case .streamOn, .streamOff, .setSpeed, .missionPadDetection, .missionPadDirection: self = .setting
            case .read: self = .read
            // Not listed one by one: a command the SDK gains is never repeated until someone decides otherwise.
            default: self = .other
            }
        }
    }

    /// What goes on the wire.
    package var command: TelloCommand
    /// How long to wait for the reply before the command counts as unanswered.
    package var timeout: Duration

    package init(_ command: TelloCommand, timeout: Duration? = nil) {
        self.command = command
        self.timeout = timeout ?? Self.defaultTimeout(for: Kind(command))
    }

    /// A move or turn of the vocabulary: the reply timeout grows with the
    /// amount, since the reply comes when the flight ends.
    init(flying command: TelloCommand) {
        switch command {
        case .move(_, let centimetres): self.init(command, timeout: Self.movementTimeout(centimetres: centimetres))
        case .rotate(_, let degrees): self.init(command, timeout: Self.rotationTimeout(degrees: degrees))
        default: self.init(command)
        }
    }

    package var kind: Kind { Kind(command) }
    /// The datagram's text, as the SDK spells it.
    package var text: String { command.text }
    /// As logs show it (Wi-Fi passwords redacted).
    package var description: String { command.description }

    /// Reads and idempotent settings may be sent again after a lost reply;
    /// anything that moves the drone may not (a repeated move flies twice: movements are never retried).
    package var isRetryable: Bool {
        switch kind {
        case .sdkMode, .setting, .read: true
        case .takeoff, .land, .urgent, .movement, .other: false
        }
    }

    /// Reads answer with a value; everything else with `ok` or an error.
    package var expectsValue: Bool { kind == .read }

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

    package static let sdkMode = DroneCommand(.command)
    package static let takeoff = DroneCommand(.takeoff)
    package static let land = DroneCommand(.land)
    package static let emergency = DroneCommand(.emergency)
    package static let stop = DroneCommand(.stop)
    package static let streamOn = DroneCommand(.streamOn)
    package static let streamOff = DroneCommand(.streamOff)
    package static let battery = DroneCommand(.read(.battery))
    /// Wi-Fi signal-to-noise: not in the state stream, so read once at connect.
    package static let wifi = DroneCommand(.read(.wifi))
    /// The resynchronisation probe: no other command answers with a serial
    /// number, so its reply cannot be confused with a late one.
    package static let serialNumber = DroneCommand(.read(.serialNumber))
}
