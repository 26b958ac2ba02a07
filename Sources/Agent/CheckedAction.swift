import Foundation
import JSONValue
import TelloSDK

/// What one `drone_command` (or plan step) turns into, decided before anything
/// reaches the drone.
///
/// Policy (docs/protocol.md: the agent never sends an out-of-range value): a number
/// outside the SDK range is clamped into it and the result says so with
/// `"clamped": {"from": 900, "to": 500}`; a value that is not a positive
/// number (text, `true`, `-30`, NaN, `"0x20"`) is refused with the parameter's name;
/// unknown parameter names are ignored and listed in `ignored_parameters`.
public enum CheckedAction: Sendable, Equatable {
    case takeoff
    case land
    case emergency
    case stop
    /// A move or rotation; `report` holds what was actually flown.
    case move(DroneCommand, report: [String: JSONValue])
    case hover(seconds: Int, report: [String: JSONValue])
    case readBattery
    case readStatus
    case refused(AgentText)

    public static let vocabulary: Set<String> = [
        "takeoff", "land", "emergency", "stop", "hover", "get_battery", "get_status",
        "move_forward", "move_back", "move_left", "move_right", "move_up", "move_down",
        "rotate_clockwise", "rotate_counter_clockwise",
    ]

    /// SDK 2.0 guide: `up/down/left/right/forward/back x`, x = 20..500 cm.
    public static let distanceRange = TelloRanges.moveDistance
    /// `cw/ccw x`: the stricter 1..360 that every firmware accepts (see `TelloRanges`).
    public static let degreesRange = TelloRanges.rotationDegrees
    /// Hover is the agent waiting (with keepalive), bounded so one step cannot
    /// hold the executor for long; the original's test phrase is 5 s.
    public static let hoverRange = 1...60

    static let moveVerbs: [String: String] = [
        "move_forward": "forward", "move_back": "back", "move_left": "left",
        "move_right": "right", "move_up": "up", "move_down": "down",
    ]
    static let parameterNames: [String: [String]] = [
        "distance": ["distance", "cm", "x"], "degrees": ["degrees", "degree", "angle"],
        "seconds": ["seconds", "duration", "time"],
    ]

    /// Validates `action` with loose `parameters` (from a user or an LLM). Never traps.
    public static func resolve(action: String, parameters: [String: JSONValue]) -> CheckedAction {
        switch action {
        case "takeoff": return .takeoff
        case "land": return .land
        case "emergency": return .emergency
        case "stop": return .stop
        case "get_battery": return .readBattery
        case "get_status": return .readStatus
        case "hover":
            return bounded("seconds", in: parameters, default: 3, range: hoverRange) { seconds, report in
                .hover(seconds: seconds, report: report)
            }
        case "rotate_clockwise", "rotate_counter_clockwise":
            let verb = action == "rotate_clockwise" ? "cw" : "ccw"
            return bounded("degrees", in: parameters, default: 90, range: degreesRange) { degrees, report in
                var report = report
                report["command"] = .string("\(verb) \(degrees)")
                let command = DroneCommand("\(verb) \(degrees)", kind: .movement,
                                           timeout: DroneCommand.rotationTimeout(degrees: degrees))
                return .move(command, report: report)
            }
        default:
            guard let verb = moveVerbs[action] else { return .refused(.unknownAction(action)) }
            return bounded("distance", in: parameters, default: 30, range: distanceRange) { distance, report in
                var report = report
                report["command"] = .string("\(verb) \(distance)")
                let command = DroneCommand("\(verb) \(distance)", kind: .movement,
                                           timeout: DroneCommand.movementTimeout(centimetres: distance))
                return .move(command, report: report)
            }
        }
    }

    /// Reads parameter `name` (or an alias), rounds, clamps into `range` and
    /// builds the report (`name`, optional `clamped`, optional `ignored_parameters`).
    private static func bounded(_ name: String, in parameters: [String: JSONValue], default fallback: Int,
                                range: ClosedRange<Int>, _ make: (Int, [String: JSONValue]) -> CheckedAction) -> CheckedAction {
        let aliases = parameterNames[name] ?? [name]
        var report: [String: JSONValue] = [:]
        let ignored = parameters.keys.filter { !aliases.contains($0) }.sorted()
        if !ignored.isEmpty { report["ignored_parameters"] = .array(ignored.map(JSONValue.string)) }

        var requested = fallback
        if let (key, raw) = aliases.lazy.compactMap({ key in parameters[key].map { (key, $0) } }).first {
            switch number(raw) {
            case .some(let value) where value >= 0.5:
                requested = Int(min(value, 1e9).rounded())  // huge values clamp like any other
            case .some:
                return .refused(.invalidParameter(name: key, why: "must be a positive number"))
            case .none:
                return .refused(.invalidParameter(name: key, why: "must be a number, got \(Echo.json(raw))"))
            }
        }
        let flown = min(max(requested, range.lowerBound), range.upperBound)
        if flown != requested {
            report["clamped"] = ["from": .number(Double(requested)), "to": .number(Double(flown))]
        }
        report[name] = .number(Double(flown))
        return make(flown, report)
    }

    /// A JSON number, or a string holding one in JSON's decimal syntax
    /// ("50", " 50 ", "1e2"); nothing else. Not `Double(String)`, which also
    /// reads "0x20" (32), "inf", "nan" and "+50".
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number, .verbatimNumber: return value.doubleValue.flatMap { $0.isFinite ? $0 : nil }
        case .string(let s):
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            guard trimmed.first.map({ $0 == "-" || $0.isASCII && $0.isNumber }) == true,
                  case .number(let n)? = try? JSONValue(parsing: trimmed) else { return nil }
            return n
        default: return nil
        }
    }
}
