/// The commands SDK 3.0 adds (RoboMaster TT, and Tello EDU on its last firmware).
///
/// Sources: DJI's RoboMaster SDK (`robomaster/flight.py` sends `motoron`,
/// `motoroff`, `keepalive`; `robomaster/camera.py` `setfps`, `setbitrate`,
/// `setresolution`), djitellopy 2.5's `send_keepalive`, `turn_motor_on/off`,
/// `set_video_fps/bitrate/resolution` (which send `low|middle|high`, `0-5`
/// and `low|high`), and the TT expansion board's `EXT ...` text commands.
public enum SDK3Command: Sendable, Hashable {
    /// Resets the 15 s no-command auto-land without doing anything else.
    case keepalive
    /// Motors spin slowly on the ground (cooling) without taking off.
    case motorOn
    case motorOff
    case setFPS(VideoFPS)
    /// `setbitrate x`: 0 = auto, 1-5 Mbit/s.
    case setBitrate(Int)
    case setResolution(VideoResolution)
    /// `EXT <text>`: passed to the RoboMaster TT expansion board (LEDs, matrix, its ToF sensor).
    case expansion(String)

    public enum VideoFPS: String, Sendable, Hashable, CaseIterable { case low, middle, high }
    public enum VideoResolution: String, Sendable, Hashable, CaseIterable { case low, high }

    /// `setbitrate` range (djitellopy: "BITRATE_AUTO = 0 ... BITRATE_5MBPS = 5").
    public static let bitrate = 0...5

    public var text: String {
        switch self {
        case .keepalive: return "keepalive"
        case .motorOn: return "motoron"
        case .motorOff: return "motoroff"
        case .setFPS(let fps): return "setfps \(fps.rawValue)"
        case .setBitrate(let rate): return "setbitrate \(rate)"
        case .setResolution(let resolution): return "setresolution \(resolution.rawValue)"
        case .expansion(let text): return "EXT \(text)"
        }
    }

    /// The SDK 3.0 command these words spell, nil if the first word is none of them.
    static func parse(_ word: String, _ values: [String]) throws(TelloCommandError) -> SDK3Command? {
        func expect(_ count: Int) throws(TelloCommandError) {
            guard values.count == count else { throw .wrongArgumentCount(command: word, expected: count, got: values.count) }
        }
        switch word {
        case "keepalive": try expect(0); return .keepalive
        case "motoron": try expect(0); return .motorOn
        case "motoroff": try expect(0); return .motorOff
        case "setfps":
            try expect(1)
            guard let fps = VideoFPS(rawValue: values[0]) else { throw .notAnInteger(command: word, argument: values[0]) }
            return .setFPS(fps)
        case "setbitrate":
            try expect(1)
            guard let rate = Int(values[0]) else { throw .notAnInteger(command: word, argument: values[0]) }
            guard bitrate.contains(rate) else { throw .outOfRange(command: word, argument: "x", value: rate, range: bitrate) }
            return .setBitrate(rate)
        case "setresolution":
            try expect(1)
            guard let resolution = VideoResolution(rawValue: values[0]) else { throw .notAnInteger(command: word, argument: values[0]) }
            return .setResolution(resolution)
        case "EXT":
            guard !values.isEmpty else { throw .wrongArgumentCount(command: word, expected: 1, got: 0) }
            return .expansion(values.joined(separator: " "))
        default:
            return nil
        }
    }
}

/// SDK 3.0 retry tags: `Re0102 takeoff` is `takeoff` that the client may send
/// again under the same tag; the drone answers `Re0102 ok` and carries a tag
/// out once however often it arrives (DJI's RoboMaster SDK matches replies
/// with `re.match(r'Re\d{4} ok', ...)` in `robomaster/action.py`).
public struct RetryTag: Sendable, Hashable, CustomStringConvertible {
    /// The tag as sent, `Re` and four digits.
    public let text: String

    /// Splits a leading tag off a datagram's text: (`Re0102`, `takeoff`) or (nil, the text).
    public static func split(_ text: String) -> (tag: RetryTag?, command: String) {
        let words = text.protocolWords()
        guard let first = words.first, first.count == 6, first.hasPrefix("Re"),
              first.dropFirst(2).allSatisfy({ $0.isASCII && $0.isNumber }) else { return (nil, text) }
        return (RetryTag(text: first), words.dropFirst().joined(separator: " "))
    }

    /// The reply with the tag in front, as SDK 3.0 drones send it.
    public func tagging(_ reply: String) -> String { "\(text) \(reply)" }

    public var description: String { text }
}
