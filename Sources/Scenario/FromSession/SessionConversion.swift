import FlightRecord
import JSONValue

/// `tello-scenario from-session`: a recorded session (`tello-agent --record`)
/// as a scenario that replays it without the drone. The clients' messages
/// become steps; what the agent sent them becomes expectations, with the
/// values that change from run to run generalised; the drone's observed
/// answers become the simulator's script; 3002 and LLM exchanges become the
/// mocks' scripts. docs/recording.md says what is kept and what is not.
public enum SessionConversion {
    /// The token a replay's clients present when the recorded agent required one
    /// (the recording holds only `<redacted>` where the real one was).
    static let replayToken = "replay-token"

    /// The scenario file's text for `log`; throws when no client was in the session (nothing to replay).
    package static func scenario(from log: RecordLog, name: String, source: String) throws(SessionConversionError) -> String {
        let steps = Steps.make(log)
        guard !steps.isEmpty else {
            throw SessionConversionError(description: "\(source): no client connected during the recording: nothing to replay")
        }
        var setup: [String: JSONValue] = [:]
        let agent = agentSetup(log)
        if !agent.isEmpty { setup["agent"] = .object(agent) }
        let drone = DroneProfile(log)
        setup["simulator"] = .object(drone.setup)
        if let backend = RecordedExchanges.backend(log) { setup["backend"] = backend }
        if let llm = RecordedExchanges.llm(log) { setup["llm"] = llm }
        let description = "Replays \(source), recorded \(log.header["started"]?.stringValue ?? "at an unknown time") against "
            + (log.drone == "embedded" ? "the embedded simulator" : "the drone at \(log.drone)") + ". " + drone.summary
        return render(name: name, description: description, setup: setup, steps: steps)
    }

    /// The agent options the recording's header names, as the scenario's `setup.agent`.
    static func agentSetup(_ log: RecordLog) -> [String: JSONValue] {
        let options = log.options
        var agent: [String: JSONValue] = [:]
        for (from, to) in [("step_pause", "step_pause"), ("status_interval", "status_interval"), ("language", "language")] {
            if let value = options[from]?.stringValue, !value.isEmpty { agent[to] = .string(value) }
        }
        if let origins = options["allowed_origins"]?.arrayValue, !origins.isEmpty { agent["allowed_origins"] = .array(origins) }
        if options["token_required"]?.boolValue == true { agent["token"] = .string(replayToken) }
        return agent
    }

    /// One member per line at the top, one step per line: diffs of converted sessions stay readable.
    static func render(name: String, description: String, setup: [String: JSONValue], steps: [JSONValue]) -> String {
        var text = "{\n"
        text += "  \"name\": \(JSONValue.string(name).text),\n"
        text += "  \"description\": \(JSONValue.string(description).text),\n"
        text += "  \"seed\": 1,\n"
        text += "  \"time\": \"virtual\",\n"
        let members = setup.keys.sorted().map { key -> String in
            if key == "simulator", let simulator = setup[key]?.objectValue {
                let inner = simulator.keys.sorted().map { member -> String in
                    if member == "script", let entries = simulator[member]?.arrayValue, !entries.isEmpty {
                        return "      \"script\": [\n" + entries.map { "        " + $0.text }.joined(separator: ",\n") + "\n      ]"
                    }
                    return "      \(JSONValue.string(member).text): \(simulator[member]!.text)"
                }
                return "    \"simulator\": {\n" + inner.joined(separator: ",\n") + "\n    }"
            }
            return "    \(JSONValue.string(key).text): \(setup[key]!.text)"
        }
        text += "  \"setup\": {\n" + members.joined(separator: ",\n") + "\n  },\n"
        text += "  \"steps\": [\n" + steps.map { "    " + $0.text }.joined(separator: ",\n") + "\n  ]\n}\n"
        return text
    }
}

/// A recording that makes no scenario.
public struct SessionConversionError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
