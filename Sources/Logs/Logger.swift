/// Writes one line per event for one component, to a sink, above a minimum level.
///
/// Secrets never reach a log: any field whose key names a key, token, secret
/// or password is replaced by `<redacted>` here, in one place, so no call
/// site has to remember.
public struct Logger: Sendable {
    public let component: String
    public let minimumLevel: LogLevel
    public let sink: any LogSink
    /// Fields every line of this logger starts with: what a line is about
    /// (one client's session), bound once so no call site can leave it out.
    public let metadata: [LogField]

    public init(component: String, minimumLevel: LogLevel = .info, sink: any LogSink = StandardErrorSink.shared) {
        self.init(component: component, minimumLevel: minimumLevel, sink: sink, metadata: [])
    }

    private init(component: String, minimumLevel: LogLevel, sink: any LogSink, metadata: [LogField]) {
        self.component = component
        self.minimumLevel = minimumLevel
        self.sink = sink
        self.metadata = metadata
    }

    /// The same sink, level and bound fields under another component name.
    public func named(_ component: String) -> Logger {
        Logger(component: component, minimumLevel: minimumLevel, sink: sink, metadata: metadata)
    }

    /// The same logger with `fields` bound after those already bound: each of
    /// its lines carries them before the line's own fields.
    public func with(_ fields: (String, any CustomStringConvertible)...) -> Logger {
        Logger(component: component, minimumLevel: minimumLevel, sink: sink, metadata: metadata + render(fields))
    }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    public func log(_ level: LogLevel, _ message: String, _ fields: [(String, any CustomStringConvertible)]) {
        guard isEnabled(level) else { return }
        sink.write(LogRecord(level: level, component: component, message: message, fields: metadata + render(fields)))
    }

    private func render(_ fields: [(String, any CustomStringConvertible)]) -> [LogField] {
        fields.map { key, value in LogField(key, Self.isSecret(key) ? "<redacted>" : String(describing: value)) }
    }

    public func trace(_ message: String, _ fields: (String, any CustomStringConvertible)...) { log(.trace, message, fields) }
    public func debug(_ message: String, _ fields: (String, any CustomStringConvertible)...) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: (String, any CustomStringConvertible)...) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: (String, any CustomStringConvertible)...) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: (String, any CustomStringConvertible)...) { log(.error, message, fields) }

    static func isSecret(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.contains("key") || k.contains("token") || k.contains("secret") || k.contains("password")
            || k.contains("authorization")
    }
}
