import JSONValue

/// A scenario written back as a file: what the explorer saves when it has
/// shrunk a failing run. `ScenarioFile(data:)` reads it back to the same
/// scenario (the round trip is tested over the whole library).
extension ScenarioFile {
    public var json: JSONValue {
        var root: JSONValue = ["name": .string(name)]
        if !description.isEmpty { root["description"] = .string(description) }
        root["seed"] = .number(Double(seed))
        if time != .virtual { root["time"] = .string(time.rawValue) }
        let setup = setup.json
        if setup != [:] { root["setup"] = setup }
        root["steps"] = .array(steps.map(\.json))
        return root
    }

    /// The file's text: the scenario's members first, one step per line.
    public var fileText: String {
        let root = json
        var lines: [String] = []
        for key in ["name", "description", "seed", "time", "setup"] {
            if let value = root[key] { lines.append("  \(JSONValue.string(key).text): \(value.text)") }
        }
        let steps = self.steps.map { "    " + $0.json.text }.joined(separator: ",\n")
        lines.append("  \"steps\": [\n" + steps + "\n  ]")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}

extension ScenarioSetup {
    var json: JSONValue {
        var root: JSONValue = [:]
        var agent: JSONValue = [:]
        if let origins = self.agent.allowedOrigins { agent["allowed_origins"] = .array(origins.map { .string($0) }) }
        if let token = self.agent.token { agent["token"] = .string(token) }
        if let pause = self.agent.stepPause { agent["step_pause"] = .string(ScenarioDuration.format(pause)) }
        if let interval = self.agent.statusInterval { agent["status_interval"] = .string(ScenarioDuration.format(interval)) }
        if let limit = self.agent.sendQueueLimit { agent["send_queue_limit"] = .number(Double(limit)) }
        if let language = self.agent.language { agent["language"] = .string(language) }
        if agent != [:] { root["agent"] = agent }
        var simulator: JSONValue = [:]
        if let battery = self.simulator.battery { simulator["battery"] = .number(Double(battery)) }
        if !self.simulator.faults.isEmpty { simulator["faults"] = .array(self.simulator.faults.map(\.json)) }
        if let model = self.simulator.model { simulator["model"] = .string(model) }
        if simulator != [:] { root["simulator"] = simulator }
        if backend != BackendScript() { root["backend"] = backend.json }
        if let llm { root["llm"] = llm.json }
        if transcript != TranscriptSetup() {
            root["transcript"] = [
                "ignore_types": .array(transcript.ignoredTypes.sorted().map { .string($0) }),
                "redact_keys": .array(transcript.redactedKeys.sorted().map { .string($0) }),
            ]
        }
        return root
    }
}

extension BackendScript {
    var json: JSONValue {
        var root: JSONValue = [:]
        if !responses.isEmpty { root["responses"] = .array(responses.map(\.json)) }
        if then != .reply(status: 200) { root["then"] = then.json }
        if down { root["down"] = true }
        return root
    }
}

extension BackendResponse {
    var json: JSONValue {
        switch self {
        case .hang: return ["hang": true]
        case .close: return ["close": true]
        case .reply(let status, let body, let delay):
            var reply: JSONValue = ["status": .number(Double(status))]
            if let body { reply["body"] = body }
            if delay != .zero { reply["delay"] = .string(ScenarioDuration.format(delay)) }
            return reply
        }
    }
}

extension LLMScript {
    var json: JSONValue {
        var root: JSONValue = ["provider": .string(provider), "model": .string(model), "replies": .array(replies.map(\.json))]
        if let then { root["then"] = then.json }
        return root
    }
}

extension LLMReply {
    var json: JSONValue {
        switch self {
        case .hang: return ["hang": true]
        case .status(let status, let body): return ["status": .number(Double(status)), "body": .string(body)]
        case .content(let text, let delay):
            var reply: JSONValue = ["content": .string(text)]
            if delay != .zero { reply["delay"] = .string(ScenarioDuration.format(delay)) }
            return reply
        }
    }
}

extension ScenarioStep {
    public var json: JSONValue {
        var step = action.json
        if let note { step["note"] = .string(note) }
        return step
    }
}

extension StepAction {
    var json: JSONValue {
        func within(_ step: JSONValue, _ duration: Duration) -> JSONValue {
            var step = step
            if duration != ScenarioStep.defaultBudget { step["within"] = .string(ScenarioDuration.format(duration)) }
            return step
        }
        switch self {
        case .connect(let spec):
            var step: JSONValue = ["connect": .string(spec.client)]
            if spec.path != "/" { step["path"] = .string(spec.path) }
            if let origin = spec.origin { step["origin"] = .string(origin) }
            if !spec.headers.isEmpty { step["headers"] = .object(spec.headers.mapValues { .string($0) }) }
            if let status = spec.expectRefusal { step["expect_refusal"] = .number(Double(status)) }
            return step
        case .send(let client, let payload):
            return payload.sendStep(client)
        case .expect(let client, let pattern, let budget):
            return within(["expect": .string(client), "message": pattern], budget)
        case .expectNothing(let client, let type, let duration):
            var step: JSONValue = ["expect_nothing": .string(client), "for": .string(ScenarioDuration.format(duration))]
            if let type { step["type"] = .string(type) }
            return step
        case .expectClosed(let client, let code, let budget):
            var step: JSONValue = ["expect_closed": .string(client)]
            if let code { step["code"] = .number(Double(code)) }
            return within(step, budget)
        case .close(let client, let code, let reason):
            var step: JSONValue = ["close": .string(client), "code": .number(Double(code))]
            if !reason.isEmpty { step["reason"] = .string(reason) }
            return step
        case .closeWithoutStatus(let client): return ["close_without_status": .string(client)]
        case .vanish(let client): return ["vanish": .string(client)]
        case .stopReading(let client): return ["stop_reading": .string(client)]
        case .resumeReading(let client): return ["resume_reading": .string(client)]
        case .advance(let duration): return ["advance": .string(ScenarioDuration.format(duration))]
        case .fault(let fault): return ["fault": fault.json]
        case .backend(let up): return ["backend": up ? "up" : "down"]
        case .expectBackend(let pattern, let count, let budget):
            var step: JSONValue = ["expect_backend": pattern]
            if count != 1 { step["count"] = .number(Double(count)) }
            return within(step, budget)
        case .expectDrone(let expectation, let budget):
            return within(["expect_drone": expectation.json], budget)
        case .expectLog(let expectation, let budget):
            return within(["expect_log": expectation.json], budget)
        }
    }
}

extension DroneExpectation {
    var json: JSONValue {
        var root: JSONValue = [:]
        if let flying { root["flying"] = .bool(flying) }
        if let motorsOn { root["motors_on"] = .bool(motorsOn) }
        if let heightCM { root["height_cm"] = .number(heightCM) }
        if let p = positionCM {
            var position: JSONValue = [:]
            if let x = p.x { position["x"] = .number(x) }
            if let y = p.y { position["y"] = .number(y) }
            if let z = p.z { position["z"] = .number(z) }
            root["position_cm"] = position
        }
        if let yaw { root["yaw"] = .number(yaw) }
        if let battery { root["battery"] = .number(Double(battery)) }
        if toleranceCM != 5 { root["tolerance_cm"] = .number(toleranceCM) }
        return root
    }
}

extension LogExpectation {
    var json: JSONValue {
        var root: JSONValue = ["contains": .array(contains.map { .string($0) })]
        if let level { root["level"] = .string(level.description) }
        if let component { root["component"] = .string(component) }
        if absent { root["absent"] = true }
        if let count { root["count"] = .number(Double(count)) }
        return root
    }
}

extension Payload {
    /// The `send` step that sends this payload as `client` (as a scenario file spells it).
    func sendStep(_ client: String) -> JSONValue {
        var step: JSONValue = ["send": .string(client)]
        switch self {
        case .json(let value): step["json"] = value
        case .text(let text): step["text"] = .string(text)
        case .filler(let count): step["filler_bytes"] = .number(Double(count))
        case .binary(let bytes): step["binary_hex"] = .string(Hex.encode(bytes))
        case .raw(let bytes): step["raw_hex"] = .string(Hex.encode(bytes))
        }
        return step
    }
}
