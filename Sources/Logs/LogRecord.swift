/// One event: level, component, a short message and ordered key=value fields.
///
/// Records are values so tests and scenarios can match on them ("expect a log
/// line") instead of scraping text.
public struct LogRecord: Sendable, Equatable {
    public let level: LogLevel
    public let component: String
    public let message: String
    public let fields: [LogField]

    public init(level: LogLevel, component: String, message: String, fields: [LogField] = []) {
        self.level = level
        self.component = LogText.bounded(component, limit: LogField.limit)
        self.message = LogText.bounded(message, limit: LogField.limit)
        self.fields = fields
    }

    /// The value of the first field named `key`, if any.
    public subscript(field key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// `warning agent: connection closed client=127.0.0.1:5123 code=1006 reason=""`
    ///
    /// One line whatever the values hold: values with spaces, quotes, `=`,
    /// backslashes or control characters are quoted and escaped
    /// (`LogText`), so a line splits back into its fields unambiguously and
    /// no value can end it. Component and message are escaped too.
    public var formatted: String {
        var line = "\(level) \(LogText.escaped(component, quoted: false)): \(LogText.escaped(message, quoted: false))"
        for field in fields {
            line += " \(LogText.escaped(field.key, quoted: false))=\(LogText.value(field.value))"
        }
        return line
    }
}

/// A named value on a log line, bounded when made: a value longer than
/// `limit` Unicode scalars keeps that many and ends with `…[+N bytes]`.
public struct LogField: Sendable, Equatable {
    /// Unicode scalars of a key or value kept at most.
    public static let limit = 256
    public let key: String
    public let value: String

    public init(_ key: String, _ value: String) {
        self.key = LogText.bounded(key, limit: Self.limit)
        self.value = LogText.bounded(value, limit: Self.limit)
    }
}
