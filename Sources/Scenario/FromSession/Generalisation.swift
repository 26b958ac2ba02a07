import JSONValue

/// An agent message as a pattern that the same behaviour matches on every
/// replay: values that follow the clock, the battery, the drone's sensors or
/// a random generator are replaced by what they must be (a number, any
/// value); the rest is kept exactly, so a change of behaviour fails.
enum Generalisation {
    /// Members whose values are generated (times, keys, plan ids) or measured on the drone
    /// next to the preflight's prediction (`observed`, `divergences`: the real drone's body and
    /// the recording machine's timing, which a replay's simulator does not share): present, any value.
    static let anyValue: Set<String> = [
        "timestamp", "idempotency_key", "plan_id", "observed", "divergences", "request_id", "time", "started", "expires_at",
    ]
    /// Messages a replay cannot promise: `drone_status` (its count is timing) and `divergence`
    /// (a step seen away from its prediction: the drone's body and the machine's timing).
    static let leftOut: Set<String> = ["drone_status", "divergence"]
    /// Members whose numbers come from the drone's readings or the clock: any number.
    static let anyNumber: Set<String> = [
        "battery", "battery_end", "temperature", "height", "speed", "position", "wifi_signal", "flight_time", "yaw",
        "pitch", "roll", "tof", "barometer", "acceleration", "x", "y", "z", "duration_s", "elapsed_s", "predicted",
    ]

    static func pattern(_ message: JSONValue) -> JSONValue {
        let volatile = Set(volatileNumbers(message, under: nil))
        return generalise(ScenarioDraft.wildcarded(message, keys: []), key: nil, reading: false, volatile: volatile)
    }

    /// `reading`: inside a member of `anyNumber` (a prediction's path, a position), where every number is one.
    private static func generalise(_ value: JSONValue, key: String?, reading: Bool, volatile: Set<String>) -> JSONValue {
        if let key, anyValue.contains(key) { return "*" }
        let reading = reading || key.map(anyNumber.contains) == true
        switch value {
        case .object(let fields):
            if fields["$literal"] != nil { return value }
            var copy: [String: JSONValue] = [:]
            for (name, member) in fields { copy[name] = generalise(member, key: name, reading: reading, volatile: volatile) }
            return .object(copy)
        case .array(let items):
            return .array(items.map { generalise($0, key: key, reading: reading, volatile: volatile) })
        case .number, .verbatimNumber:
            return reading ? "<number>" : value
        case .string(let text):
            // A text that quotes the battery ("电量: 87%") keeps the words before it.
            guard let reading = volatile.first(where: { text.contains($0) }) else { return value }
            let before = String(text[..<text.range(of: reading)!.lowerBound])
            return before.isEmpty ? "<string>" : ["$includes": .string(before)]
        default:
            return value
        }
    }

    /// The battery readings in `value` as texts quote them (`87%`), so those texts are loosened too.
    private static func volatileNumbers(_ value: JSONValue, under key: String?) -> [String] {
        switch value {
        case .object(let fields): return fields.flatMap { volatileNumbers($0.value, under: $0.key) }
        case .array(let items): return items.flatMap { volatileNumbers($0, under: key) }
        case .number(let number) where key == "battery" && number == number.rounded(): return ["\(Int(number))%"]
        default: return []
        }
    }
}
