import JSONValue
import Logs

extension ScenarioStep {
    /// The verbs a step may start with; each step object holds exactly one.
    static let verbs: [String] = [
        "connect", "send", "expect", "expect_nothing", "expect_closed", "close", "close_without_status", "vanish",
        "stop_reading", "resume_reading", "advance", "fault", "backend", "expect_backend", "expect_drone", "expect_log",
    ]

    /// How long an expectation waits when the step does not say (`within`).
    public static let defaultBudget: Duration = .seconds(5)

    /// Reads `{"<verb>": ..., <modifiers>}`; the verb decides which modifiers are allowed.
    public init(reading reader: JSONReader, index: Int) throws {
        let present = try reader.object().keys.filter { Self.verbs.contains($0) }.sorted()
        guard present.count == 1, let verb = present.first else {
            throw ScenarioFileError(
                location: reader.path, expected: "a step with exactly one of " + Self.verbs.joined(separator: ", "),
                found: present.isEmpty ? JSONReader.describe(reader.value) : "several: " + present.joined(separator: ", "))
        }
        let note = try reader.optional("note")?.string()
        let action = try Self.action(verb: verb, reader: reader)
        self.init(index: index, note: note, action: action)
    }

    private static func action(verb: String, reader: JSONReader) throws -> StepAction {
        let main = try reader.required(verb)
        func allow(_ modifiers: String...) throws { try reader.onlyKeys(Set([verb, "note"] + modifiers)) }
        func within() throws -> Duration { try reader.optional("within")?.duration() ?? defaultBudget }

        switch verb {
        case "connect":
            try allow("path", "origin", "headers", "expect_refusal")
            let headers = try reader.optional("headers").map { headers in
                try headers.object().keys.reduce(into: [String: String]()) { all, name in
                    all[name] = try headers.required(name).string()
                }
            }
            return .connect(
                ClientConnect(
                    client: try main.name(), path: try reader.optional("path")?.string() ?? "/",
                    origin: try reader.optional("origin")?.string(), headers: headers ?? [:],
                    expectRefusal: try reader.optional("expect_refusal")?.int(in: 100...599)))
        case "send":
            try allow("json", "text", "filler_bytes", "binary_hex", "raw_hex")
            return .send(client: try main.name(), payload: try payload(reader))
        case "expect":
            try allow("message", "within")
            let message = try reader.required("message")
            try JSONPattern.validate(message.value, path: message.path)
            return .expect(client: try main.name(), pattern: message.value, within: try within())
        case "expect_nothing":
            try allow("type", "for")
            return .expectNothing(
                client: try main.name(), type: try reader.optional("type")?.name(),
                duration: try reader.required("for").duration())
        case "expect_closed":
            try allow("code", "within")
            return .expectClosed(
                client: try main.name(), code: try reader.optional("code")?.int(in: 1000...4999), within: try within())
        case "close":
            try allow("code", "reason")
            return .close(
                client: try main.name(), code: try reader.optional("code")?.int(in: 0...65535) ?? 1000,
                reason: try reader.optional("reason")?.string() ?? "")
        case "close_without_status":
            try allow()
            return .closeWithoutStatus(client: try main.name())
        case "vanish":
            try allow()
            return .vanish(client: try main.name())
        case "stop_reading":
            try allow()
            return .stopReading(client: try main.name())
        case "resume_reading":
            try allow()
            return .resumeReading(client: try main.name())
        case "advance":
            try allow()
            return .advance(try main.duration())
        case "fault":
            try allow()
            return .fault(try SimulatorFault(reading: main))
        case "backend":
            try allow()
            return .backend(up: try main.choice(["up", "down"]) == "up")
        case "expect_backend":
            try allow("count", "within")
            _ = try main.object()
            try JSONPattern.validate(main.value, path: main.path)
            return .expectBackend(
                pattern: main.value, count: try reader.optional("count")?.int(in: 1...10_000) ?? 1, within: try within())
        case "expect_drone":
            try allow("within")
            return .expectDrone(try drone(main), within: try within())
        default:  // "expect_log", the last verb
            try allow("within")
            return .expectLog(try log(main), within: try within())
        }
    }

    private static func payload(_ reader: JSONReader) throws -> Payload {
        let kinds = ["json", "text", "filler_bytes", "binary_hex", "raw_hex"]
        let given = try kinds.filter { try reader.optional($0) != nil }
        guard given.count == 1, let kind = given.first else {
            throw ScenarioFileError(
                location: reader.path, expected: "exactly one payload: " + kinds.joined(separator: ", "),
                found: given.isEmpty ? "none" : given.joined(separator: " and "))
        }
        let value = try reader.required(kind)
        switch kind {
        case "json": return .json(value.value)
        case "text": return .text(try value.string())
        case "filler_bytes": return .filler(count: try value.int(in: 0...(64 << 20)))
        case "binary_hex": return .binary(try hex(value))
        default: return .raw(try hex(value))
        }
    }

    static func hex(_ reader: JSONReader) throws -> [UInt8] {
        guard let bytes = Hex.decode(try reader.string()) else {
            throw reader.failure(expected: "pairs of hex digits such as \"81 05 48 65\"")
        }
        return bytes
    }

    private static func drone(_ reader: JSONReader) throws -> DroneExpectation {
        try reader.onlyKeys(["flying", "motors_on", "height_cm", "position_cm", "yaw", "battery", "tolerance_cm"])
        let position = try reader.optional("position_cm").map { position in
            try position.onlyKeys(["x", "y", "z"])
            return (x: try position.optional("x")?.double(), y: try position.optional("y")?.double(), z: try position.optional("z")?.double())
        }
        return DroneExpectation(
            flying: try reader.optional("flying")?.bool(), motorsOn: try reader.optional("motors_on")?.bool(),
            heightCM: try reader.optional("height_cm")?.double(), positionCM: position,
            yaw: try reader.optional("yaw")?.double(), battery: try reader.optional("battery")?.int(in: 0...100),
            toleranceCM: try reader.optional("tolerance_cm")?.double() ?? 5)
    }

    private static func log(_ reader: JSONReader) throws -> LogExpectation {
        try reader.onlyKeys(["level", "component", "contains", "absent", "count"])
        let level = try reader.optional("level").map { LogLevel(name: try $0.choice(LogLevel.allCases.map(\.description)))! }
        let contains: [String]
        if let text = try reader.optional("contains"), text.value.stringValue != nil {
            contains = [try text.string()]
        } else {
            contains = try reader.optional("contains")?.array().map { try $0.string() } ?? []
        }
        let absent = try reader.optional("absent")
        let count = try reader.optional("count")
        if absent != nil, let count {
            // Two ways to say how many lines would be two answers to compare.
            throw count.failure(expected: "either \"absent\" or \"count\" (\"absent\": true is \"count\": 0), not both")
        }
        return LogExpectation(
            level: level, component: try reader.optional("component")?.name(), contains: contains,
            absent: try absent?.bool() ?? false, count: try count?.int(in: 0...10_000))
    }
}
