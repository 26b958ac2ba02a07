import Bridge3002
import Bridge3002Mocks
import JSONValue

extension BackendResponse {
    /// The 3002 mock's behaviour for this scripted response. A reply without
    /// a body gets what the real backend answers (`{"success":true,...}` for
    /// 2xx, an error object otherwise).
    var mockBehaviour: Backend3002Mock.Behaviour {
        switch self {
        case .reply(let status, let body, let delay):
            let text = body?.text ?? ((200..<300).contains(status)
                ? #"{"success":true,"message":"analysis received"}"# : #"{"success":false,"error":"scripted failure"}"#)
            return delay > .zero ? .delayed(delay, status: status, body: text) : .respond(status: status, body: text)
        case .hang: return .hang
        case .close: return .close
        }
    }
}

extension BackendScript {
    /// Loads this script into `mock` (and takes it down if the script starts down).
    func load(into mock: Backend3002Mock) async {
        mock.script(responses.map(\.mockBehaviour), then: then.mockBehaviour)
        if down { await mock.goDown() }
    }
}

extension Backend3002Mock.Request {
    /// The request as `expect_backend` patterns see it, with `answered`: the
    /// status the mock replied with, or "hang", "close", "reset".
    var json: JSONValue {
        let answered: JSONValue
        switch behaviour {
        case .respond(let status, _), .delayed(_, let status, _): answered = .number(Double(status))
        case .hang: answered = "hang"
        case .close: answered = "close"
        case .reset: answered = "reset"
        }
        return [
            "method": .string(method), "path": .string(path), "headers": .object(headers.mapValues { .string($0) }),
            "body": body == .null ? .string(bodyText) : body, "answered": answered,
        ]
    }
}
