import JSONValue

/// The recursive walk behind `JSONPattern.match`: returns the first mismatch
/// found (members in key order, so the report is the same every run), or nil.
struct Matcher {
    let tolerance: Double

    func match(_ pattern: JSONValue, _ actual: JSONValue, path: String, captures: inout Captures) -> MatchMismatch? {
        switch pattern {
        case .string(let text):
            return matchString(text, actual, path: path, captures: &captures)
        case .object(let fields) where Self.isOperator(fields):
            return matchOperator(fields, actual, path: path, captures: &captures)
        case .object(let fields):
            guard case .object(let received) = actual else { return mismatch(path, "an object", actual) }
            for key in fields.keys.sorted() {
                let memberPath = JSONReader.append(key, to: path)
                let memberPattern = fields[key]!
                guard let member = received[key] else {
                    if memberPattern == "<absent>" { continue }
                    return MatchMismatch(path: memberPath, expected: Self.describe(memberPattern), received: "nothing (member missing)")
                }
                if let failure = match(memberPattern, member, path: memberPath, captures: &captures) { return failure }
            }
            return nil
        case .array(let items):
            guard case .array(let received) = actual else { return mismatch(path, "an array", actual) }
            guard items.count == received.count else {
                return mismatch(path, "an array of \(items.count) elements", actual, note: "\(received.count) elements: ")
            }
            for (index, (itemPattern, item)) in zip(items, received).enumerated() {
                if let failure = match(itemPattern, item, path: "\(path)[\(index)]", captures: &captures) { return failure }
            }
            return nil
        case .number(let expected) where tolerance > 0:
            guard let number = actual.doubleValue, abs(number - expected) <= tolerance else {
                return mismatch(path, "\(JSONValue.number(expected).text) ± \(JSONValue.number(tolerance).text)", actual)
            }
            return nil
        default:
            return pattern == actual ? nil : mismatch(path, pattern.text, actual)
        }
    }

    private func matchString(_ text: String, _ actual: JSONValue, path: String, captures: inout Captures) -> MatchMismatch? {
        if text == "*" || text == "<any>" { return nil }
        if text.hasPrefix("$$") { return actual == .string(String(text.dropFirst())) ? nil : mismatch(path, JSONValue.string(String(text.dropFirst())).text, actual) }
        if text.hasPrefix("$"), text.count > 1 {
            let name = String(text.dropFirst())
            guard let bound = captures[name] else {
                captures[name] = actual
                return nil
            }
            return bound == actual ? nil : mismatch(path, "the value captured as \(text), \(bound.text)", actual)
        }
        if let type = Self.typeCheck[text] {
            return type.test(actual) ? nil : mismatch(path, type.name, actual)
        }
        if text == "<absent>" { return mismatch(path, "no such member", actual) }
        return .string(text) == actual ? nil : mismatch(path, JSONValue.string(text).text, actual)
    }

    private func matchOperator(_ fields: [String: JSONValue], _ actual: JSONValue, path: String, captures: inout Captures) -> MatchMismatch? {
        if let literal = fields["$literal"] {
            return literal == actual ? nil : mismatch(path, literal.text, actual)
        }
        if let target = fields["$approx"]?.doubleValue {
            let within = fields["$within"]?.doubleValue ?? 0
            guard let number = actual.doubleValue, abs(number - target) <= within else {
                return mismatch(path, "\(JSONValue.number(target).text) ± \(JSONValue.number(within).text)", actual)
            }
            return nil
        }
        if let part = fields["$includes"]?.stringValue {
            guard let text = actual.stringValue, text.contains(part) else { return mismatch(path, "text including \(JSONValue.string(part).text)", actual) }
            return nil
        }
        if let choices = fields["$one_of"]?.arrayValue {
            for choice in choices {
                var trial = captures
                if match(choice, actual, path: path, captures: &trial) == nil {
                    captures = trial
                    return nil
                }
            }
            return mismatch(path, "one of " + choices.map(\.text).joined(separator: ", "), actual)
        }
        let wanted = fields["$contains"]?.arrayValue ?? []
        guard case .array(let received) = actual else { return mismatch(path, "an array", actual) }
        var used = Array(repeating: false, count: received.count)
        if let bound = assign(wanted[...], to: received, used: &used, path: path, captures: captures) {
            captures = bound
            return nil
        }
        return mismatch(path, "an array containing " + wanted.map(\.text).joined(separator: ", "), actual)
    }

    /// Finds a distinct element for each pattern, backtracking (arrays in messages are short).
    private func assign(_ wanted: ArraySlice<JSONValue>, to received: [JSONValue], used: inout [Bool], path: String, captures: Captures) -> Captures? {
        guard let first = wanted.first else { return captures }
        for index in received.indices where !used[index] {
            var trial = captures
            guard match(first, received[index], path: "\(path)[\(index)]", captures: &trial) == nil else { continue }
            used[index] = true
            if let done = assign(wanted.dropFirst(), to: received, used: &used, path: path, captures: trial) { return done }
            used[index] = false
        }
        return nil
    }

    private func mismatch(_ path: String, _ expected: String, _ actual: JSONValue, note: String = "") -> MatchMismatch {
        MatchMismatch(path: path, expected: expected, received: note + JSONReader.describe(actual))
    }

    static func isOperator(_ fields: [String: JSONValue]) -> Bool {
        !fields.isEmpty && fields.keys.allSatisfy { $0.hasPrefix("$") && !$0.hasPrefix("$$") }
    }

    static func describe(_ pattern: JSONValue) -> String {
        if case .string(let text) = pattern, let type = typeCheck[text] { return type.name }
        if pattern == "*" { return "any value" }
        return JSONReader.describe(pattern)
    }

    static let typeCheck: [String: (name: String, test: @Sendable (JSONValue) -> Bool)] = [
        "<number>": ("a number", { $0.doubleValue != nil }),
        "<int>": ("a whole number", { $0.intValue != nil }),
        "<string>": ("a string", { $0.stringValue != nil }),
        "<bool>": ("true or false", { $0.boolValue != nil }),
        "<object>": ("an object", { $0.objectValue != nil }),
        "<array>": ("an array", { $0.arrayValue != nil }),
        "<null>": ("null", { $0 == .null }),
    ]
}
