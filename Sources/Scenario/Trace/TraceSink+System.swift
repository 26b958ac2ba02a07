import Bridge3002Mocks
import JSONValue
import PlannerMocks
import TelloSim

extension TraceSink {
    /// The simulated drone's tap: each command as `drone_out` (what the agent
    /// sent; `outcome` says what became of it), each reply as `drone_in`, each
    /// state line sent as `drone_state`, and at every state tick the ground truth
    /// as `truth` (the trace's plots and top-down track).
    var simulatorTap: SimulatedTello.Configuration.Tap {
        { [self] event in
            switch event {
            case .command(let text, let outcome):
                record("drone_out", ["text": .string(text), "outcome": .string(outcome)])
            case .reply(let text, let binary):
                record("drone_in", binary ? ["hex": .string(text), "binary": true] : ["text": .string(text)])
            case .state(let line, let truth):
                if let line { record("drone_state", ["text": .string(line)]) }
                record("truth", [
                    "x": .number(Self.tenth(truth.x)), "y": .number(Self.tenth(truth.y)), "z": .number(Self.tenth(truth.z)),
                    "yaw": .number(Self.tenth(truth.yaw)), "battery": .number(Self.tenth(truth.battery)), "flying": .bool(truth.flying),
                    "motors_on": .bool(truth.motorsOn),
                ])
            }
        }
    }

    static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// The 3002 mock's requests as `backend_post` (at arrival) and `backend_reply`
    /// (when the answer left: at once, after a scripted delay, or never for a hang).
    /// Each post carries the transcript line the run's transcript writes for it.
    func recordBackend(_ requests: [Backend3002Mock.Request], setup: TranscriptSetup) {
        for (index, request) in requests.enumerated() {
            let id = JSONValue.number(Double(index + 1))
            let body = request.body == .null ? JSONValue.string(request.bodyText) : request.body
            let line = TranscriptFormat.line(for: .backendRequest(method: request.method, path: request.path, body: body), setup: setup)
            record("backend_post", at: request.received, [
                "id": id, "method": .string(request.method), "url": .string(request.path), "body": body,
                "headers": .object(request.headers.mapValues { .string($0) }), "channel": "backend", "line": .string(line),
            ])
            switch request.behaviour {
            case .respond(let status, let text):
                record("backend_reply", at: request.received, ["id": id, "status": .number(Double(status)), "body": Self.body(text)])
            case .delayed(let delay, let status, let text):
                record("backend_reply", at: request.received + delay, ["id": id, "status": .number(Double(status)), "body": Self.body(text)])
            case .hang:
                record("backend_reply", at: request.received, ["id": id, "error": "the mock never answers (hang)", "pending": true])
            case .close:
                record("backend_reply", at: request.received, ["id": id, "error": "closed without a reply"])
            case .reset:
                record("backend_reply", at: request.received, ["id": id, "error": "connection reset"])
            }
        }
    }

    /// The LLM mock's requests as `llm_request` and `llm_reply`.
    func recordLLM(_ requests: [LLMMock.Request], provider: String) {
        for (index, request) in requests.enumerated() {
            let id = JSONValue.number(Double(index + 1))
            var headers = request.headers
            for secret in ["authorization", "api-key"] where headers[secret] != nil { headers[secret] = "<redacted>" }
            record("llm_request", at: request.received, [
                "id": id, "provider": .string(provider), "url": .string(request.path), "body": request.body,
                "headers": .object(headers.mapValues { .string($0) }),
            ])
            switch request.reply {
            case .content(let text):
                record("llm_reply", at: request.received, ["id": id, "status": 200, "body": .string(text)])
            case .delayed(let delay, let text):
                record("llm_reply", at: request.received + delay, ["id": id, "status": 200, "body": .string(text)])
            case .offlinePlan:
                record("llm_reply", at: request.received, ["id": id, "status": 200, "body": "(the offline planner's plan for the order)"])
            case .status(let status, let text):
                record("llm_reply", at: request.received, ["id": id, "status": .number(Double(status)), "body": Self.body(text)])
            case .raw(let text):
                record("llm_reply", at: request.received, ["id": id, "status": 200, "body": .string(text)])
            case .hang:
                record("llm_reply", at: request.received, ["id": id, "error": "the mock never answers (hang)", "pending": true])
            case .close:
                record("llm_reply", at: request.received, ["id": id, "error": "closed without a reply"])
            }
        }
    }

    /// A body as JSON when it is JSON, else as text.
    static func body(_ text: String) -> JSONValue { (try? JSONValue(parsing: text)) ?? .string(text) }
}
