import DroneVocabulary
import Foundation
import JSONValue
import Planner
import TelloSDK

/// What one `drone_command` (or plan step) turns into, decided before anything
/// reaches the drone. Names, aliases, ranges, defaults and steps are the
/// vocabulary table's (`DroneVocabulary`), the same the planners read.
///
/// Policy (docs/protocol.md: the agent never sends an out-of-range value): an
/// amount is rounded to its step (1 cm, 1°, 0.1 s); outside the range, a
/// client's own `drone_command` is clamped into it and the result says so
/// with `"clamped": {"from": 900, "to": 500}`, while a plan's step is refused
/// (`AmountParameter.policy`). A value that is not a positive number (text,
/// `true`, `-30`, NaN, `"0x20"`, or one that rounds to 0) is refused with the
/// parameter's name; unknown parameter names are ignored and listed in
/// `ignored_parameters`.
package enum CheckedAction: Sendable, Equatable {
    case takeoff
    case land
    case emergency
    case stop
    /// A move or rotation; `report` holds what was actually flown.
    case move(DroneCommand, report: [String: JSONValue])
    /// The agent waits `seconds` (tenths) with the keepalive running; nothing is sent.
    case hover(seconds: Double, report: [String: JSONValue])
    case readBattery
    case readStatus
    case refused(AgentText)

    /// Validates a client's `action` with loose `parameters` (the JSON edge:
    /// names and aliases from the table, numbers decoded, other keys ignored
    /// and listed), then checks it as a `drone_command`. Never traps.
    package static func resolve(action name: String, parameters: [String: JSONValue]) -> CheckedAction {
        guard let action = DroneAction(rawValue: name) else { return .refused(.unknownAction(name)) }
        guard let parameter = action.parameter else { return checked(action, amount: nil, from: .command) }
        var report: [String: JSONValue] = [:]
        let ignored = parameters.keys.filter { !parameter.aliases.contains($0) }.sorted()
        if !ignored.isEmpty { report["ignored_parameters"] = .array(ignored.map(JSONValue.string)) }
        guard let (key, raw) = parameter.aliases.lazy.compactMap({ key in parameters[key].map { (key, $0) } }).first else {
            return checked(action, amount: nil, from: .command, report: report)
        }
        guard let value = number(raw) else {
            return .refused(.invalidParameter(name: key, why: "must be a number, got \(Echo.json(raw))"))
        }
        return checked(action, amount: value, from: .command, named: key, report: report)
    }

    /// A plan's step: typed from the planner, checked against the same table
    /// under the order policy (out of range is refused, not clamped).
    package init(planned step: PlannedCommand) {
        self = Self.checked(step.action, amount: step.amount, from: .order)
    }

    /// `action` with `amount` (nil: the table's default) from `source`,
    /// whose policy decides what an out-of-range amount becomes; `named` is
    /// the key the amount came under, for a refusal's text.
    package static func checked(_ action: DroneAction, amount: Double?, from source: AmountSource,
                               named key: String? = nil, report: [String: JSONValue] = [:]) -> CheckedAction {
        guard let parameter = action.parameter else {
            switch action {
            case .takeoff: return .takeoff
            case .land: return .land
            case .emergency: return .emergency
            case .stop: return .stop
            case .getBattery: return .readBattery
            default: return .readStatus
            }
        }
        var report = report
        var flown = parameter.defaultValue
        if let amount {
            switch parameter.check(amount, from: source) {
            case .fits(let value):
                flown = value
            case .clamped(let requested, let value):
                report["clamped"] = ["from": .number(requested), "to": .number(value)]
                flown = value
            case .outOfRange:
                let range = "\(parameter.format(parameter.range.lowerBound))-\(parameter.format(parameter.range.upperBound))"
                return .refused(.invalidParameter(name: key ?? parameter.name, why: "must be within \(range) \(parameter.unit.rawValue)"))
            case .notPositive:
                return .refused(.invalidParameter(name: key ?? parameter.name, why: "must be a positive number"))
            }
        }
        report[parameter.name] = .number(flown)
        guard action != .hover, let command = action.telloCommand(amount: flown) else { return .hover(seconds: flown, report: report) }
        report["command"] = .string(command.text)
        return .move(DroneCommand(flying: command), report: report)
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
