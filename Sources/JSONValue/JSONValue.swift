import Foundation

/// Any JSON document as a value: the agent protocol's messages, LLM replies,
/// scenario files and 3002 bodies all pass through this one type.
///
/// Objects keep their keys in a dictionary; `encoded()` sorts keys so the same
/// value always renders to the same bytes (scenario transcripts compare bytes).
/// A key repeated in a parsed object keeps its last value (as Python's `json`
/// and JavaScript's `JSON.parse`).
///
/// Numbers compare by value: `.verbatimNumber("1.0") == .number(1)`.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    /// A number kept exactly as it was written, e.g. a request id such as
    /// `9007199254740993`, `1.0` or `-0` that must be echoed byte for byte;
    /// only `parsingKeepingTopLevelNumbers` makes these. Its text is valid JSON.
    case verbatimNumber(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// Parses one JSON document (objects, arrays or scalars at the top level).
    public init(parsing data: Data) throws(JSONParseError) {
        self = try Self.parse(Array(data), .init())
    }

    /// Parses a document that may have a comma before a closing bracket, as
    /// language models sometimes write (and `JSONDecoder` used to accept).
    public init(parsingAllowingTrailingCommas data: Data) throws(JSONParseError) {
        self = try Self.parse(Array(data), JSONParser.Options(trailingCommas: true))
    }

    public init(parsing text: String) throws(JSONParseError) {
        self = try Self.parse(Array(text.utf8), .init())
    }

    /// Parses like `init(parsing:)`, but keeps each number that is a member of
    /// the top-level object as written (`verbatimNumber`), so it can be echoed
    /// exactly. With `lenient`, numbers too large for a Double become null and
    /// lone surrogate escapes U+FFFD, instead of errors: for reading what can
    /// still be read from a document that is not quite JSON.
    public static func parsingKeepingTopLevelNumbers(_ text: String, lenient: Bool = false) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), JSONParser.Options(verbatimTopLevelNumbers: true, lenient: lenient))
    }

    private static func parse(_ bytes: [UInt8], _ options: JSONParser.Options) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in try JSONParser.parse(buffer, options: options) }
    }

    /// Compact JSON with sorted keys; non-ASCII text is written as UTF-8, not escaped.
    public func encoded() -> Data { Data(bytes) }

    /// `encoded()` as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private var bytes: [UInt8] {
        var out: [UInt8] = []
        JSONWriter.write(self, into: &out)
        return out
    }
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue { a == b } else { false }
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .number, .verbatimNumber: hasher.combine(2); hasher.combine(doubleValue)
        case .string(let s): hasher.combine(3); hasher.combine(s)
        case .array(let a): hasher.combine(4); hasher.combine(a)
        case .object(let o): hasher.combine(5); hasher.combine(o)
        }
    }
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let fields) = self else { return nil }
            return fields[key]
        }
        set {
            guard case .object(var fields) = self else { return }
            fields[key] = newValue
            self = .object(fields)
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let n): n
        case .verbatimNumber(let text): Double(text)
        default: nil
        }
    }

    /// The number if it is integral and fits an Int; `30.0` is 30, `30.5` is nil.
    public var intValue: Int? {
        guard let n = doubleValue, n.rounded() == n, abs(n) < 9e15 else { return nil }
        return Int(n)
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var isNull: Bool { self == .null }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .verbatimNumber:
            try container.encode(doubleValue ?? 0)  // Codable has no raw numbers; `encoded()` keeps the text
        case .number(let n):
            if !n.isFinite {
                try container.encodeNil()
            } else if n.rounded() == n, abs(n) < 9e15 {
                try container.encode(Int64(n))  // 30, not 30.0
            } else {
                try container.encode(n)
            }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
