extension TelloCommand {
    /// The command as the SDK spells it, ready to send in one datagram.
    /// `TelloCommand(parsing: c.text) == c` for every valid command.
    public var text: String {
        switch self {
        case .command: return "command"
        case .takeoff: return "takeoff"
        case .land: return "land"
        case .streamOn: return "streamon"
        case .streamOff: return "streamoff"
        case .emergency: return "emergency"
        case .stop: return "stop"
        case let .move(direction, centimeters): return "\(direction.rawValue) \(centimeters)"
        case let .rotate(direction, degrees): return "\(direction.rawValue) \(degrees)"
        case .flip(let direction): return "flip \(direction.rawValue)"
        case let .go(point, speed, pad): return Self.join("go \(point) \(speed)", pad)
        case let .curve(via, to, speed, pad): return Self.join("curve \(via) \(to) \(speed)", pad)
        case let .jump(point, speed, yaw, from, to): return "jump \(point) \(speed) \(yaw) \(from) \(to)"
        case .setSpeed(let speed): return "speed \(speed)"
        case .rc(let sticks):
            return "rc \(sticks.leftRight) \(sticks.forwardBack) \(sticks.upDown) \(sticks.yaw)"
        case let .wifi(ssid, password): return "wifi \(ssid) \(password)"
        case .missionPadDetection(let enabled): return enabled ? "mon" : "moff"
        case .missionPadDirection(let direction): return "mdirection \(direction.rawValue)"
        case let .accessPoint(ssid, password): return "ap \(ssid) \(password)"
        case .read(let query): return query.rawValue
        case .sdk3(let command): return command.text
        }
    }

    private static func join(_ base: String, _ pad: MissionPadID?) -> String {
        guard let pad else { return base }
        return "\(base) \(pad)"
    }
}

extension TelloCommand: CustomStringConvertible {
    /// The command text, except that Wi-Fi passwords are never shown (logs print commands).
    public var description: String {
        switch self {
        case .wifi(let ssid, _): return "wifi \(ssid) <redacted>"
        case .accessPoint(let ssid, _): return "ap \(ssid) <redacted>"
        default: return text
        }
    }
}
