import JSONValue

/// Everything one HTML trace shows, as the JSON the page embeds: what was
/// run or recorded, whether and where it failed, and the events.
public struct TraceDocument: Sendable, Equatable {
    /// The embedded blob's `format` member: a reader knows a trace from any other JSON by it.
    public static let format = "tello-trace"
    public static let version = 1

    public var title: String
    /// `"scenario"` (a `tello-scenario run`) or `"record"` (a `tello-agent --record` log).
    public var source: String
    /// What was run: `{"name", "path", "run", "description", "passed"}`, or the record log's first line.
    public var about: JSONValue
    /// The failure: `{"run", "step_index", "step", "note", "expected", "received"}`, or nil.
    public var failure: JSONValue?
    /// The run's transcript (scenario runs only), as `--verbose` prints it.
    public var transcript: String?
    /// In time order.
    public var events: [TraceEvent]

    public init(title: String, source: String, about: JSONValue, failure: JSONValue?, transcript: String?, events: [TraceEvent]) {
        self.title = title
        self.source = source
        self.about = about
        self.failure = failure
        self.transcript = transcript
        self.events = events
    }

    public var json: JSONValue {
        [
            "format": .string(Self.format), "version": .number(Double(Self.version)), "title": .string(title), "source": .string(source),
            "about": about, "failure": failure ?? .null, "transcript": transcript.map(JSONValue.string) ?? .null,
            "events": .array(events.map(\.json)),
        ]
    }

    /// Reads the blob back (`diff`, tests); nil if it is not a trace this version understands.
    public init?(json: JSONValue) {
        guard json["format"]?.stringValue == Self.format, json["version"]?.intValue == Self.version,
            let events = json["events"]?.arrayValue
        else { return nil }
        self.init(
            title: json["title"]?.stringValue ?? "", source: json["source"]?.stringValue ?? "", about: json["about"] ?? .null,
            failure: json["failure"].flatMap { $0 == .null ? JSONValue?.none : $0 }, transcript: json["transcript"]?.stringValue,
            events: events.compactMap(TraceEvent.init(json:)))
    }
}

extension TraceDocument {
    /// The trace of one scenario run.
    public init(scenario: ScenarioFile, run: Int, result: SingleRun, failure: ScenarioFailure?) {
        let about: JSONValue = [
            "name": .string(scenario.name), "path": .string(scenario.path), "run": .number(Double(run)),
            "description": .string(scenario.description), "passed": .bool(failure == nil),
            "scenario_time": .number(result.scenarioTime.seconds), "time": .string(scenario.time == .virtual ? "virtual" : "real"),
        ]
        self.init(
            title: "\(scenario.name) run \(run)" + (failure == nil ? "" : " (failed)"), source: "scenario", about: about,
            failure: failure.map(Self.json), transcript: result.transcript.text, events: result.trace ?? [])
    }

    static func json(_ failure: ScenarioFailure) -> JSONValue {
        [
            "run": .number(Double(failure.run)), "step_index": failure.stepIndex.map { .number(Double($0)) } ?? .null,
            "step": .string(failure.step), "note": failure.note.map(JSONValue.string) ?? .null,
            "expected": .string(failure.expected), "received": .string(failure.received),
        ]
    }
}
