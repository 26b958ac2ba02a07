import JSONValue

/// `--record`: turns a run's transcript into a new scenario file whose steps
/// replay what the clients sent and expect what they received, so a session
/// becomes a regression test after a light edit (tighten or loosen patterns).
public enum ScenarioDraft {
    /// The steps, in the order the runner saw the events. Redacted members
    /// become `"*"` so the draft matches the next run.
    public static func steps(from transcript: Transcript) -> [JSONValue] {
        let keys = transcript.setup.redactedKeys
        return transcript.events.compactMap { event -> JSONValue? in
            switch event {
            case .connected(let client, let path, let origin):
                var step: JSONValue = ["connect": .string(client)]
                if path != "/" { step["path"] = .string(path) }
                if let origin { step["origin"] = .string(origin) }
                return step
            case .refused(let client, let status):
                return ["connect": .string(client), "expect_refusal": .number(Double(status))]
            case .sent(let client, let payload):
                return payload.sendStep(client)
            case .received(let client, let message):
                guard let json = message.json else { return nil }  // only JSON can be expected
                return ["expect": .string(client), "message": wildcarded(json, keys: keys)]
            case .clientClosed(let client, let code?, let reason):
                return ["close": .string(client), "code": .number(Double(code)), "reason": .string(reason)]
            case .clientClosed(let client, nil, _):
                return ["close_without_status": .string(client)]
            case .vanished(let client):
                return ["vanish": .string(client)]
            case .agentClosed(let client, let code, _):
                return ["expect_closed": .string(client), "code": .number(Double(code))]
            case .advanced(let duration):
                return ["advance": .string(ScenarioDuration.format(duration))]
            case .fault(let fault):
                return ["fault": fault.json]
            case .backend(let up):
                return ["backend": up ? "up" : "down"]
            case .backendRequest(let method, let path, let body):
                var request: JSONValue = ["method": .string(method), "path": .string(path)]
                if let body { request["body"] = wildcarded(body, keys: keys) }
                return ["expect_backend": request]
            }
        }
    }

    /// A scenario file holding the recorded steps, one per line. Its setup is
    /// left at the defaults: copy the original scenario's `setup` if it had one.
    public static func file(name: String, description: String, transcript: Transcript) -> String {
        let steps = steps(from: transcript).map { "    " + $0.text }.joined(separator: ",\n")
        return "{\n"
            + "  \"name\": \(JSONValue.string(name).text),\n"
            + "  \"description\": \(JSONValue.string(description).text),\n"
            + "  \"steps\": [\n" + steps + "\n  ]\n}\n"
    }

    /// Escapes literal `"$x"` and `"*"`-like texts so the draft does not read them as patterns.
    static func wildcarded(_ value: JSONValue, keys: Set<String>) -> JSONValue {
        switch value {
        case .object(let fields):
            var copy: [String: JSONValue] = [:]
            for (key, member) in fields { copy[key] = keys.contains(key) ? "*" : wildcarded(member, keys: keys) }
            return Matcher.isOperator(copy) ? ["$literal": value] : .object(copy)
        case .array(let items):
            return .array(items.map { wildcarded($0, keys: keys) })
        case .string(let text) where text.hasPrefix("$") && text.count > 1:
            return .string("$" + text)
        case .string(let text) where text == "*" || (text.hasPrefix("<") && text.hasSuffix(">")):
            return ["$literal": value]
        default:
            return value
        }
    }
}
