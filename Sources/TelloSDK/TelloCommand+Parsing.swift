extension TelloCommand {
    /// Longest command text accepted. The longest legal command (`curve` with
    /// seven five-character numbers and a pad, or `wifi` with a 32-byte SSID
    /// and 64-byte password) is well under this.
    public static let maxTextLength = 256

    /// The words of a datagram as the parser sees them: split on runs of ASCII
    /// spaces, tabs, CR and LF (on Unicode scalars, so odd bytes never merge words).
    public static func words(_ text: String) -> [String] { text.protocolWords() }

    /// Parses one datagram's text, enforcing the SDK's ranges.
    ///
    /// Surrounding whitespace (clients often send `\r\n`) is ignored; words are
    /// separated by one or more spaces. Command words are lower case as in the SDK.
    public init(parsing text: String) throws(TelloCommandError) {
        guard text.utf8.count <= Self.maxTextLength else { throw .tooLong(text.utf8.count) }
        let words = text.protocolWords()
        guard let word = words.first else { throw .empty }
        var args = Arguments(command: word, values: Array(words.dropFirst()))
        self = try Self.parse(word, &args)
    }

    private static func parse(_ word: String, _ args: inout Arguments) throws(TelloCommandError) -> TelloCommand {
        if let query = ReadQuery(rawValue: word) {
            try args.expectCount(0)
            return .read(query)
        }
        if let direction = MoveDirection(rawValue: word) {
            try args.expectCount(1)
            return .move(direction, centimeters: try args.int(0, "x", TelloRanges.moveDistance))
        }
        if let direction = RotationDirection(rawValue: word) {
            try args.expectCount(1)
            return .rotate(direction, degrees: try args.int(0, "x", TelloRanges.rotationDegrees))
        }
        switch word {
        case "command": try args.expectCount(0); return .command
        case "takeoff": try args.expectCount(0); return .takeoff
        case "land": try args.expectCount(0); return .land
        case "streamon": try args.expectCount(0); return .streamOn
        case "streamoff": try args.expectCount(0); return .streamOff
        case "emergency": try args.expectCount(0); return .emergency
        case "stop": try args.expectCount(0); return .stop
        case "mon": try args.expectCount(0); return .missionPadDetection(enabled: true)
        case "moff": try args.expectCount(0); return .missionPadDetection(enabled: false)
        case "flip":
            try args.expectCount(1)
            guard let direction = FlipDirection(rawValue: args.values[0]) else {
                throw .invalidFlipDirection(args.values[0])
            }
            return .flip(direction)
        case "go":
            try args.expectCount(4, orWithPad: 5)
            let point = try args.point(at: 0)
            return .go(point, speed: try args.int(3, "speed", TelloRanges.goSpeed), pad: try args.pad(at: 4))
        case "curve":
            try args.expectCount(7, orWithPad: 8)
            let via = try args.point(at: 0)
            let to = try args.point(at: 3)
            let speed = try args.int(6, "speed", TelloRanges.curveSpeed)
            return .curve(via: via, to: to, speed: speed, pad: try args.pad(at: 7))
        case "jump":
            try args.expectCount(7)
            let point = try args.point(at: 0)
            let speed = try args.int(3, "speed", TelloRanges.goSpeed)
            let yaw = try args.int(4, "yaw", TelloRanges.jumpYaw)
            guard let from = try args.pad(at: 5), let to = try args.pad(at: 6) else { throw .wrongArgumentCount(command: "jump", expected: 7, got: args.values.count) }
            return .jump(point, speed: speed, yaw: yaw, from: from, to: to)
        case "speed":
            try args.expectCount(1)
            return .setSpeed(try args.int(0, "x", TelloRanges.speed))
        case "rc":
            try args.expectCount(4)
            return .rc(RemoteControl(
                leftRight: try args.int(0, "a", TelloRanges.stick),
                forwardBack: try args.int(1, "b", TelloRanges.stick),
                upDown: try args.int(2, "c", TelloRanges.stick),
                yaw: try args.int(3, "d", TelloRanges.stick)))
        case "wifi":
            try args.expectCount(2)
            return .wifi(ssid: args.values[0], password: args.values[1])
        case "ap":
            try args.expectCount(2)
            return .accessPoint(ssid: args.values[0], password: args.values[1])
        case "mdirection":
            try args.expectCount(1)
            let value = try args.int(0, "x", 0...2)
            return .missionPadDirection(MissionPadDirection(rawValue: value)!)
        default:
            if let sdk3 = try SDK3Command.parse(word, args.values) { return .sdk3(sdk3) }
            throw .unknownCommand(word)
        }
    }
}

/// The words after the command word, with typed, range-checked access.
private struct Arguments {
    let command: String
    let values: [String]

    func expectCount(_ expected: Int) throws(TelloCommandError) {
        guard values.count == expected else {
            throw .wrongArgumentCount(command: command, expected: expected, got: values.count)
        }
    }

    func expectCount(_ expected: Int, orWithPad withPad: Int) throws(TelloCommandError) {
        guard values.count == expected || values.count == withPad else {
            throw .wrongArgumentCount(command: command, expected: expected, got: values.count)
        }
    }

    func int(_ index: Int, _ name: String, _ range: ClosedRange<Int>) throws(TelloCommandError) -> Int {
        guard let value = Int(values[index]) else { throw .notAnInteger(command: command, argument: values[index]) }
        guard range.contains(value) else {
            throw .outOfRange(command: command, argument: name, value: value, range: range)
        }
        return value
    }

    /// x y z at `index`, each -500...500 and not all within the -20...20 dead zone.
    func point(at index: Int) throws(TelloCommandError) -> Vector3 {
        let point = Vector3(
            try int(index, "x", TelloRanges.coordinate),
            try int(index + 1, "y", TelloRanges.coordinate),
            try int(index + 2, "z", TelloRanges.coordinate))
        guard !point.isInsideDeadZone else { throw .insideDeadZone(command: command) }
        return point
    }

    /// The optional mission pad `mN` at `index`, nil if there are not that many arguments.
    func pad(at index: Int) throws(TelloCommandError) -> MissionPadID? {
        guard index < values.count else { return nil }
        let text = values[index]
        guard text.first == "m", let number = Int(text.dropFirst()), let pad = MissionPadID(number) else {
            throw .invalidMissionPad(text)
        }
        return pad
    }
}

extension Vector3 {
    /// SDK 2.0 guide (go, curve, jump): "x, y and z can't be between -20 – 20 at the same time".
    public var isInsideDeadZone: Bool {
        TelloRanges.deadZone.contains(x) && TelloRanges.deadZone.contains(y) && TelloRanges.deadZone.contains(z)
    }
}
