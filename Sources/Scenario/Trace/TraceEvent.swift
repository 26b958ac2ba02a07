import JSONValue

/// One thing that happened in a run or a recorded session, as a trace shows it.
///
/// The vocabulary is the record log's (`ws_in`, `drone_out`, `backend_post`,
/// ...), so a scenario run and a `tello-agent --record` log draw the same way;
/// a scenario run adds its own kinds (`step`, `step_end`, `fault`, `truth`,
/// `log`, ...). Members besides `t` and `kind` are the kind's own.
public struct TraceEvent: Sendable, Equatable {
    /// Seconds since the start of the run (scenario time) or of the recording.
    public var t: Double
    public var kind: String
    public var fields: [String: JSONValue]

    public init(t: Double, kind: String, fields: [String: JSONValue] = [:]) {
        self.t = t
        self.kind = kind
        self.fields = fields
    }

    /// `{"t": ..., "kind": ..., ...fields}`, `t` to the microsecond.
    public var json: JSONValue {
        var object = fields
        object["t"] = .number((t * 1_000_000).rounded() / 1_000_000)
        object["kind"] = .string(kind)
        return .object(object)
    }

    /// Reads an event written by `json` (or a record log line); nil without a numeric `t` and a `kind`.
    public init?(json: JSONValue) {
        guard var object = json.objectValue, let t = object["t"]?.doubleValue, t.isFinite, let kind = object["kind"]?.stringValue else { return nil }
        object["t"] = nil
        object["kind"] = nil
        self.init(t: t, kind: kind, fields: object)
    }

    public subscript(field: String) -> JSONValue? { fields[field] }
}
