import JSONValue

/// Strict, path-tracking access to one JSON object of a world file: every key
/// must be read or it is reported as unknown, so a typo never passes silently.
struct WorldReader {
    let file: String
    let path: String
    private let fields: [String: JSONValue]
    private var used: Set<String> = []

    init(_ value: JSONValue, file: String, path: String, what: String) throws(WorldFileError) {
        guard case .object(let fields) = value else {
            throw WorldFileError(file: file, path: path, expected: what, found: Self.describe(value))
        }
        self.file = file
        self.path = path
        self.fields = fields
    }

    func error(_ key: String, expected: String, found: String) -> WorldFileError {
        WorldFileError(file: file, path: "\(path).\(key)", expected: expected, found: found)
    }

    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        return fields[key]
    }

    mutating func required(_ key: String, _ expected: String) throws(WorldFileError) -> JSONValue {
        guard let value = value(key) else { throw error(key, expected: expected, found: "nothing (the key is missing)") }
        return value
    }

    /// A finite number in `range` (cm, degrees).
    mutating func number(_ key: String, in range: ClosedRange<Double>, default fallback: Double? = nil) throws(WorldFileError) -> Double {
        let expected = "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
        guard let value = value(key) else {
            if let fallback { return fallback }
            throw error(key, expected: expected, found: "nothing (the key is missing)")
        }
        guard case .number(let number) = value, number.isFinite, range.contains(number) else {
            throw error(key, expected: expected, found: Self.describe(value))
        }
        return number
    }

    mutating func string(_ key: String, _ expected: String, default fallback: String? = nil) throws(WorldFileError) -> String {
        guard let value = value(key) else {
            if let fallback { return fallback }
            throw error(key, expected: expected, found: "nothing (the key is missing)")
        }
        guard case .string(let text) = value else { throw error(key, expected: expected, found: Self.describe(value)) }
        return text
    }

    mutating func colour(_ key: String) throws(WorldFileError) -> Colour {
        let expected = "a colour written #rrggbb"
        let text = try string(key, expected)
        guard let colour = Colour(hex: text) else { throw error(key, expected: expected, found: Self.describe(.string(text))) }
        return colour
    }

    /// The elements of an optional array, each with its path (a missing key is an empty list).
    mutating func array(_ key: String, of what: String) throws(WorldFileError) -> [(JSONValue, String)] {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else {
            throw error(key, expected: "an array of \(what)", found: Self.describe(value))
        }
        return items.enumerated().map { ($0.element, "\(path).\(key)[\($0.offset)]") }
    }

    /// Refuses keys nobody read.
    func finish() throws(WorldFileError) {
        if let unknown = fields.keys.sorted().first(where: { !used.contains($0) }) {
            let known = used.sorted().joined(separator: ", ")
            throw WorldFileError(file: file, path: path, expected: "only the keys \(known)",
                                 found: "the unknown key \(Self.quote(unknown))")
        }
    }

    /// What a value is, short and escaped (it goes into an error message and a log).
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return "the number \(format(number))"
        case .verbatimNumber(let text): return "the number \(quote(text))"
        case .string(let text): return "the string \(quote(text))"
        case .array(let items): return "an array of \(items.count)"
        case .object(let fields):
            let keys = fields.keys.sorted().prefix(5).map(quote).joined(separator: ", ")
            return fields.isEmpty ? "an empty object" : "an object with keys \(keys)\(fields.count > 5 ? ", ..." : "")"
        }
    }

    static func quote(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars.prefix(40) {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case " "..."~": escaped.unicodeScalars.append(scalar)
            default: escaped += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return "\"\(escaped)\(text.unicodeScalars.count > 40 ? "..." : "")\""
    }

    /// `lower...upper`, never inverted: when a bound computed from an earlier value
    /// passes the other, the range shrinks to one point and the value is refused, not trapped on.
    static func span(_ lower: Double, _ upper: Double) -> ClosedRange<Double> { lower...Swift.max(lower, upper) }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
