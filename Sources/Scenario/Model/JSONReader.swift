import JSONValue

/// A JSON value plus where it sits in its document, so every complaint about
/// a scenario file names the exact place (`$.steps[3].within`).
///
/// The scenario model is read through this instead of `Codable` because
/// `DecodingError` names neither the path in a readable form nor what the
/// author should have written.
public struct JSONReader: Sendable {
    public let value: JSONValue
    public let path: String

    public init(_ value: JSONValue, path: String = "$") {
        self.value = value
        self.path = path
    }

    /// An error at this place: `expected` is what should be here.
    public func failure(expected: String) -> ScenarioFileError {
        ScenarioFileError(location: path, expected: expected, found: Self.describe(value))
    }

    public func object() throws -> [String: JSONValue] {
        guard let fields = value.objectValue else { throw failure(expected: "an object") }
        return fields
    }

    public func string() throws -> String {
        guard let text = value.stringValue else { throw failure(expected: "a string") }
        return text
    }

    /// A non-empty string, for names and identifiers.
    public func name() throws -> String {
        guard let text = value.stringValue, !text.isEmpty else { throw failure(expected: "a non-empty name") }
        return text
    }

    public func bool() throws -> Bool {
        guard let flag = value.boolValue else { throw failure(expected: "true or false") }
        return flag
    }

    public func double() throws -> Double {
        guard let number = value.doubleValue, number.isFinite else { throw failure(expected: "a number") }
        return number
    }

    public func int(in range: ClosedRange<Int>) throws -> Int {
        guard let number = value.intValue, range.contains(number) else {
            throw failure(expected: "a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A probability or rate, 0 to 1 inclusive.
    public func fraction() throws -> Double {
        guard let number = value.doubleValue, (0...1).contains(number) else {
            throw failure(expected: "a number from 0 to 1")
        }
        return number
    }

    /// A duration written with its unit: `"250ms"`, `"5s"`, `"1.5s"`, `"2m"`.
    public func duration() throws -> Duration {
        guard let text = value.stringValue, let duration = ScenarioDuration.parse(text) else {
            throw failure(expected: #"a duration like "250ms", "5s" or "2m""#)
        }
        return duration
    }

    public func array() throws -> [JSONReader] {
        guard let items = value.arrayValue else { throw failure(expected: "an array") }
        return items.enumerated().map { index, item in JSONReader(item, path: "\(path)[\(index)]") }
    }

    /// One of a fixed set of words, such as a time mode or a log level.
    public func choice(_ allowed: [String]) throws -> String {
        guard let text = value.stringValue, allowed.contains(text) else {
            throw failure(expected: "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return text
    }

    /// The member `key` of this object, or nil if it is absent (an explicit `null` counts as absent).
    public func optional(_ key: String) throws -> JSONReader? {
        guard let member = try object()[key], member != .null else { return nil }
        return JSONReader(member, path: Self.append(key, to: path))
    }

    /// The member `key` of this object; its absence is an error naming the key.
    public func required(_ key: String) throws -> JSONReader {
        guard let member = try optional(key) else {
            throw ScenarioFileError(location: path, expected: "a member \"\(key)\"", found: "none")
        }
        return member
    }

    /// Rejects members the format does not know, so a typo (`"withn"`) is an
    /// error instead of a silently ignored option.
    public func onlyKeys(_ allowed: Set<String>) throws {
        _ = try object()
        if let first = unknownMembers(allowed).first { throw first }
    }

    /// An error for each member the format does not know, in name order (none if this is not an object).
    public func unknownMembers(_ allowed: Set<String>) -> [ScenarioFileError] {
        let unknown = (value.objectValue?.keys).map { $0.filter { !allowed.contains($0) }.sorted() } ?? []
        return unknown.map { key in
            ScenarioFileError(
                location: Self.append(key, to: path),
                expected: "one of the members " + allowed.sorted().map { "\"\($0)\"" }.joined(separator: ", "),
                found: "unknown member \"\(key)\"")
        }
    }

    /// `$.steps` + `within` = `$.steps.within`; odd keys are bracketed: `$["a b"]`.
    static func append(_ key: String, to path: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return plain ? "\(path).\(key)" : "\(path)[\(JSONValue.string(key).text)]"
    }

    /// A short rendering of a value for error messages (at most 80 characters).
    static func describe(_ value: JSONValue) -> String {
        let text = value.text
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
