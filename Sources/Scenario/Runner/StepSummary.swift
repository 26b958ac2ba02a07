import JSONValue

/// A step as one line of text for failure reports: `expect alice {"type":"error"}`.
enum StepSummary {
    static func text(_ action: StepAction) -> String {
        switch action {
        case .connect(let spec): "connect \(spec.client)" + (spec.origin.map { " origin=\($0)" } ?? "")
        case .send(let client, let payload): "send \(client) " + TranscriptFormat.render(payload, setup: TranscriptSetup(redactedKeys: []))
        case .expect(let client, let pattern, _): "expect \(client) \(JSONReader.describe(pattern))"
        case .expectNothing(let client, let type, let duration): "expect_nothing \(client) \(type ?? "any") for \(ScenarioDuration.format(duration))"
        case .expectClosed(let client, let code, _): "expect_closed \(client)" + (code.map { " \($0)" } ?? "")
        case .close(let client, let code, let reason): "close \(client) \(code) \(JSONValue.string(reason).text)"
        case .closeWithoutStatus(let client): "close_without_status \(client)"
        case .vanish(let client): "vanish \(client)"
        case .stopReading(let client): "stop reading \(client)"
        case .resumeReading(let client): "resume reading \(client)"
        case .advance(let duration): "advance \(ScenarioDuration.format(duration))"
        case .fault(let fault): "fault \(fault.json.text)"
        case .backend(let up): "backend \(up ? "up" : "down")"
        case .expectBackend(let pattern, let count, _): "expect_backend \(JSONReader.describe(pattern)) x\(count)"
        case .expectDrone(let expectation, _): "expect_drone" + (expectation.flying.map { " flying=\($0)" } ?? "")
        case .expectLog(let expectation, _):
            "expect_log " + ScenarioPlayer.describe(expectation) + (expectation.count.map { ", exactly \($0)" } ?? "")
        }
    }
}
