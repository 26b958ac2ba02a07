import JSONValue

/// Partial JSON matching for `expect` steps: a pattern says what matters in a
/// message and nothing more, so a scenario survives fields being added.
///
/// - An object matches any object that has at least its members, each matching.
/// - An array matches an array of the same length, element by element;
///   `{"$contains": [p, ...]}` matches an array holding a distinct element for each `p`, in any order.
/// - `"*"` matches any value; `"<number>"`, `"<int>"`, `"<string>"`, `"<bool>"`,
///   `"<object>"`, `"<array>"`, `"<null>"` match any value of that type;
///   `"<absent>"` as a member's pattern requires the member to be missing.
/// - `"$name"` captures: the first use binds the received value, later uses
///   must be equal to it (across steps). `"$$x"` is the literal text `"$x"`.
/// - `{"$approx": 30, "$within": 2}` matches numbers 28...32; `{"$includes": "降落"}`
///   matches text containing it; `{"$one_of": [p, ...]}` matches if any `p` does;
///   `{"$literal": v}` matches exactly `v`, with no pattern meaning.
/// - Other numbers, strings, booleans and null match only themselves (numbers
///   within `tolerance` if one is given).
public struct JSONPattern: Sendable, Equatable {
    public let value: JSONValue

    public init(_ value: JSONValue) { self.value = value }

    static let typedWildcards = ["<any>", "<number>", "<int>", "<string>", "<bool>", "<object>", "<array>", "<null>", "<absent>"]
    static let operators = ["$contains", "$approx", "$within", "$includes", "$one_of", "$literal"]

    /// Matches `actual`; on success returns `captures` with this match's new bindings added,
    /// so a failed match leaves the caller's bindings untouched.
    public func match(_ actual: JSONValue, captures: Captures = Captures(), tolerance: Double = 0)
        -> Result<Captures, MatchMismatch>
    {
        var bound = captures
        let matcher = Matcher(tolerance: tolerance)
        if let mismatch = matcher.match(value, actual, path: "$", captures: &bound) { return .failure(mismatch) }
        return .success(bound)
    }
}

/// Bindings made by `"$name"` patterns, kept for the whole scenario.
public struct Captures: Sendable, Equatable {
    public private(set) var values: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue] = [:]) { self.values = values }

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

/// Where a message differs from its pattern, and how.
public struct MatchMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// `$.data.status.height`
    public var path: String
    public var expected: String
    public var received: String

    public init(path: String, expected: String, received: String) {
        self.path = path
        self.expected = expected
        self.received = received
    }

    /// How deep into the message the mismatch is: a deeper one came closer to matching.
    public var depth: Int { path.filter { $0 == "." || $0 == "[" }.count }

    public var description: String { "\(path): expected \(expected), received \(received)" }
}
