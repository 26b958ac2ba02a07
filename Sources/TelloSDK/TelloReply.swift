/// What a Tello answers to one command (one datagram of ASCII text).
///
/// Replies carry no sequence number: a client can only match them to
/// commands by order, which is why a late reply is so dangerous.
public enum TelloReply: Sendable, Hashable {
    /// `ok`: the command was carried out (for motion: after it ended).
    case ok
    /// `error` or `error <detail>` (e.g. `error Motor stop`).
    case error(String?)
    /// `out of range`: a number outside its legal range, or the go/curve dead zone.
    case outOfRange
    /// `unknown command: <word>`.
    case unknownCommand(String)
    /// The answer to a read command, e.g. `87` for `battery?`.
    case value(String)

    /// Detail texts seen from real drones (docs/tello-sdk.md, "Errors and odd
    /// replies"; each also appears in djitellopy issue logs).
    public static let motorStop = TelloReply.error("Motor stop")
    public static let notJoystick = TelloReply.error("Not joystick")
    public static let noValidIMU = TelloReply.error("No valid imu")
    public static let autoLand = TelloReply.error("Auto land")

    /// Classifies a received datagram's text; never fails (anything that is not
    /// a known form is a value). Real drones end read replies with `\r\n`, and a
    /// reply read into a fixed buffer may carry NUL padding: both are ignored.
    public init(text: String) {
        let trimmed = text.trimmingWhitespace(andNUL: true)
        switch trimmed {
        case "ok": self = .ok
        case "error": self = .error(nil)
        case "out of range": self = .outOfRange
        default:
            if trimmed.hasPrefix("error ") {
                self = .error(String(trimmed.dropFirst("error ".count)))
            } else if trimmed.hasPrefix("unknown command: ") {
                self = .unknownCommand(String(trimmed.dropFirst("unknown command: ".count)))
            } else {
                self = .value(trimmed)
            }
        }
    }

    /// The reply as the drone sends it.
    public var text: String {
        switch self {
        case .ok: return "ok"
        case .error(nil): return "error"
        case .error(let detail?): return "error \(detail)"
        case .outOfRange: return "out of range"
        case .unknownCommand(let word): return "unknown command: \(word)"
        case .value(let value): return value
        }
    }

    public var isOK: Bool { self == .ok }

    /// True for every refusal: `error...`, `out of range`, `unknown command: ...`.
    public var isError: Bool {
        switch self {
        case .ok, .value: return false
        case .error, .outOfRange, .unknownCommand: return true
        }
    }
}

extension TelloReply: CustomStringConvertible {
    public var description: String { text }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    ///
    /// Works on Unicode scalars, not Characters: the protocol is ASCII, and a
    /// combining mark after a space must not glue the space to the next word.
    func trimmingWhitespace(andNUL nul: Bool = false) -> String {
        let scalars = unicodeScalars
        let padding = { (scalar: Unicode.Scalar) in scalar.isProtocolSpace || (nul && scalar == "\u{0}") }
        guard let first = scalars.firstIndex(where: { !padding($0) }),
              let last = scalars.lastIndex(where: { !padding($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }

    /// The words between runs of spaces, tabs, CR and LF (split on scalars, as above).
    func protocolWords() -> [String] {
        unicodeScalars.split(whereSeparator: \.isProtocolSpace).map { String(Substring($0)) }
    }
}

extension Unicode.Scalar {
    /// Space, tab, CR or LF: what separates and ends words on the wire.
    var isProtocolSpace: Bool { self == " " || self == "\t" || self == "\r" || self == "\n" }
}
