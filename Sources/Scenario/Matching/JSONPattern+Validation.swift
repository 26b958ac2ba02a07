import JSONValue

extension JSONPattern {
    /// Checks a pattern when its file is read, so a typo (`"<numbr>"`,
    /// `{"$aprox": 3}`) is reported with its place instead of failing every
    /// match at run time. `path` is where the pattern sits in the file.
    public static func validate(_ pattern: JSONValue, path: String) throws {
        try check(pattern, path: path, isMember: false)
    }

    private static func check(_ pattern: JSONValue, path: String, isMember: Bool) throws {
        let reader = JSONReader(pattern, path: path)
        switch pattern {
        case .string(let text):
            let looksTyped = text.count > 2 && text.hasPrefix("<") && text.hasSuffix(">")
                && text.dropFirst().dropLast().allSatisfy { $0.isLetter || $0 == "_" }
            if looksTyped && !typedWildcards.contains(text) {
                throw reader.failure(expected: "a typed wildcard: " + typedWildcards.joined(separator: ", "))
            }
            if text == "<absent>" && !isMember {
                throw reader.failure(expected: "\"<absent>\" only as the pattern of an object member")
            }
        case .object(let fields) where Matcher.isOperator(fields):
            try checkOperator(fields, reader: reader)
        case .object(let fields):
            for (key, member) in fields { try check(member, path: JSONReader.append(key, to: path), isMember: true) }
        case .array(let items):
            for (index, item) in items.enumerated() { try check(item, path: "\(path)[\(index)]", isMember: false) }
        default:
            return
        }
    }

    private static func checkOperator(_ fields: [String: JSONValue], reader: JSONReader) throws {
        let keys = Set(fields.keys)
        let unknown = keys.subtracting(operators).sorted()
        if let first = unknown.first {
            throw ScenarioFileError(
                location: JSONReader.append(first, to: reader.path), expected: "an operator: " + operators.joined(separator: ", "),
                found: "\"\(first)\"")
        }
        let valid: Bool
        switch keys {
        case ["$approx"], ["$approx", "$within"]:
            valid = fields["$approx"]?.doubleValue != nil && (fields["$within"].map { ($0.doubleValue ?? -1) >= 0 } ?? true)
        case ["$includes"]: valid = fields["$includes"]?.stringValue != nil
        case ["$literal"]: valid = true
        case ["$one_of"], ["$contains"]:
            guard let items = (fields["$one_of"] ?? fields["$contains"])?.arrayValue else {
                valid = false
                break
            }
            let key = keys.first!
            for (index, item) in items.enumerated() {
                try check(item, path: "\(JSONReader.append(key, to: reader.path))[\(index)]", isMember: false)
            }
            valid = true
        default: valid = false
        }
        if !valid {
            throw reader.failure(expected: #"one operator: {"$approx": N, "$within": N}, {"$includes": "text"}, {"$literal": v}, {"$one_of": [...]} or {"$contains": [...]}"#)
        }
    }
}
