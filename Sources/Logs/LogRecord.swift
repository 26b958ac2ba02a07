/// One event: level, component, a short message and ordered key=value fields.
///
/// Records are values so tests and scenarios can match on them ("expect a log
/// line") instead of scraping text.
public struct LogRecord: Sendable, Equatable {
    public var level: LogLevel
    public var component: String
    public var message: String
    public var fields: [LogField]

    public init(level: LogLevel, component: String, message: String, fields: [LogField] = []) {
        self.level = level
        self.component = component
        self.message = message
        self.fields = fields
    }

    /// The value of the first field named `key`, if any.
    public subscript(field key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// `warning agent: connection closed client=127.0.0.1:5123 code=1006 reason=""`
    ///
    /// Values with spaces, quotes, `=` or nothing at all are quoted, so a line
    /// splits back into its fields unambiguously.
    public var formatted: String {
        var line = "\(level) \(component): \(message)"
        for field in fields {
            line += " \(field.key)=\(Self.quoteIfNeeded(field.value))"
        }
        return line
    }

    static func quoteIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        guard needsQuotes else { return value }
        var quoted = "\""
        for ch in value {
            switch ch {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            default: quoted.append(ch)
            }
        }
        return quoted + "\""
    }
}

/// A named value on a log line.
public struct LogField: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
