import JSONValue

extension TraceSink {
    /// Records a transcript event in the record log's vocabulary: what a client
    /// sent is `ws_in` (into the agent), what it received `ws_out`. Each carries
    /// its transcript `channel` and `line`, and `ignored` when the transcript
    /// leaves it out (a `drone_status`), so a trace can be checked against the
    /// transcript and a trace diff compares what transcripts compare.
    func record(_ event: TranscriptEvent, setup: TranscriptSetup) {
        var fields: [String: JSONValue] = ["channel": .string(event.channel), "line": .string(TranscriptFormat.line(for: event, setup: setup))]
        if case .received(_, let message) = event, let type = message.type, setup.ignoredTypes.contains(type) {
            fields["ignored"] = true
        }
        let kind: String
        switch event {
        case .connected(let client, let path, let origin):
            kind = "ws_open"
            fields.merge(["client": .string(client), "path": .string(path), "origin": origin.map(JSONValue.string) ?? .null]) { $1 }
        case .refused(let client, let status):
            kind = "ws_refused"
            fields.merge(["client": .string(client), "status": .number(Double(status))]) { $1 }
        case .sent(let client, let payload):
            kind = "ws_in"
            fields["client"] = .string(client)
            fields.merge(Self.fields(payload)) { $1 }
        case .received(let client, .text(let text)):
            kind = "ws_out"
            fields.merge(["client": .string(client), "text": .string(text)]) { $1 }
        case .received(let client, .binary(let bytes)):
            kind = "ws_out"
            fields.merge(["client": .string(client), "binary": .number(Double(bytes.count))]) { $1 }
        case .clientClosed(let client, let code, let reason):
            kind = "ws_close"
            fields.merge(["client": .string(client), "code": code.map { .number(Double($0)) } ?? .null, "reason": .string(reason),
                          "initiator": "client"]) { $1 }
        case .vanished(let client):
            kind = "ws_close"
            fields.merge(["client": .string(client), "code": 1006, "reason": "TCP dropped without a close frame", "initiator": "client"]) { $1 }
        case .agentClosed(let client, let code, let reason):
            kind = "ws_close"
            fields.merge(["client": .string(client), "code": .number(Double(code)), "reason": .string(reason), "initiator": "agent"]) { $1 }
        case .advanced(let duration):
            kind = "advance"
            fields["duration"] = .string(ScenarioDuration.format(duration))
        case .fault(let fault):
            kind = "fault"
            fields["fault"] = fault.json
        case .backend(let up):
            kind = "backend_state"
            fields["up"] = .bool(up)
        case .backendRequest(let method, let path, let body):
            kind = "backend_post"
            fields.merge(["method": .string(method), "url": .string(path), "body": body ?? .null]) { $1 }
        }
        record(kind, fields)
    }

    /// A step begins: `step` with its index (0-based), its text and note.
    func record(step: ScenarioStep) {
        record("step", ["index": .number(Double(step.index)), "text": .string(StepSummary.text(step.action)), "note": step.note.map(JSONValue.string) ?? .null])
    }

    /// A step ends: `step_end`, `ok`, and when it did not hold what it expected and received.
    func record(stepEnd step: ScenarioStep, problem: StepProblem?) {
        var fields: [String: JSONValue] = ["index": .number(Double(step.index)), "ok": .bool(problem == nil)]
        if let problem {
            fields["expected"] = .string(problem.expected)
            fields["received"] = .string(problem.received)
        }
        record("step_end", fields)
    }

    /// A client's message as the record log writes it: `text`, or `binary` with its byte count.
    static func fields(_ payload: Payload) -> [String: JSONValue] {
        switch payload {
        case .json(let value): ["text": .string(value.text)]
        case .text(let text): ["text": .string(text)]
        case .filler(let count): ["text": .string("x… (\(count) bytes of filler)"), "bytes": .number(Double(count))]
        case .binary(let bytes): ["binary": .number(Double(bytes.count)), "hex": .string(Hex.encode(bytes.prefix(64)))]
        case .raw(let bytes): ["raw": .number(Double(bytes.count)), "hex": .string(Hex.encode(bytes.prefix(64)))]
        }
    }
}
