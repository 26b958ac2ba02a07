/// Why a text is not a valid Tello command, and what a drone answers to it.
public enum TelloCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Empty or whitespace-only datagram.
    case empty
    /// The first word is no SDK command.
    case unknownCommand(String)
    /// Too many or too few arguments.
    case wrongArgumentCount(command: String, expected: Int, got: Int)
    /// An argument that should be an integer is not one.
    case notAnInteger(command: String, argument: String)
    /// A number outside its legal range.
    case outOfRange(command: String, argument: String, value: Int, range: ClosedRange<Int>)
    /// `go`/`curve`/`jump` with x, y and z all within -20...20.
    case insideDeadZone(command: String)
    /// A flip direction other than l, r, f, b.
    case invalidFlipDirection(String)
    /// A mission pad other than m1..m8.
    case invalidMissionPad(String)
    /// A datagram longer than `TelloCommand.maxTextLength`.
    case tooLong(Int)

    /// The reply a real drone sends for this input.
    ///
    /// "unknown command: <text>" for unknown words and "out of range" for bad
    /// numbers are verbatim drone replies (djitellopy issue #236 shows
    /// `Response go 0 -12 17 20: 'out of range'` for the dead zone); any other
    /// malformed command gets a bare `error`.
    public var droneReply: TelloReply {
        switch self {
        case .unknownCommand(let word): return .unknownCommand(word)
        case .outOfRange, .insideDeadZone: return .outOfRange
        case .empty, .wrongArgumentCount, .notAnInteger, .invalidFlipDirection, .invalidMissionPad, .tooLong:
            return .error(nil)
        }
    }

    public var description: String {
        switch self {
        case .empty: return "empty command"
        case .unknownCommand(let word): return "unknown command '\(word)'"
        case let .wrongArgumentCount(command, expected, got):
            return "'\(command)' takes \(expected) argument(s), got \(got)"
        case let .notAnInteger(command, argument): return "'\(command)': '\(argument)' is not an integer"
        case let .outOfRange(command, argument, value, range):
            return "'\(command)': \(argument) \(value) is outside \(range.lowerBound)...\(range.upperBound)"
        case .insideDeadZone(let command):
            return "'\(command)': x, y and z may not all be within -20...20"
        case .invalidFlipDirection(let text): return "flip direction '\(text)' is not one of l, r, f, b"
        case .invalidMissionPad(let text): return "mission pad '\(text)' is not one of m1...m8"
        case .tooLong(let count): return "command of \(count) bytes is longer than \(TelloCommand.maxTextLength)"
        }
    }
}
