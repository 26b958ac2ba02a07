import JSONValue

/// How the scripted 3002 backend answers `POST /api/ai-analysis`: the listed
/// responses in order, then `then` for every later request. `down` starts it
/// refusing connections (the original agent's "3002 not running").
public struct BackendScript: Sendable, Equatable {
    public var responses: [BackendResponse]
    public var then: BackendResponse
    public var down: Bool

    public init(responses: [BackendResponse] = [], then: BackendResponse = .reply(status: 200), down: Bool = false) {
        self.responses = responses
        self.then = then
        self.down = down
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["responses", "then", "down"])
        self.init(
            responses: try reader.optional("responses")?.array().map(BackendResponse.init(reading:)) ?? [],
            then: try reader.optional("then").map(BackendResponse.init(reading:)) ?? .reply(status: 200),
            down: try reader.optional("down")?.bool() ?? false)
    }
}

/// One scripted answer of the 3002 backend.
public enum BackendResponse: Sendable, Equatable {
    /// `{"status": 500, "body": {...}, "delay": "6s"}`: answers after `delay`
    /// (past the client's 5 s deadline makes it a timeout).
    case reply(status: Int, body: JSONValue? = nil, delay: Duration = .zero)
    /// `{"hang": true}`: reads the request and never answers.
    case hang
    /// `{"close": true}`: closes the connection without answering.
    case close

    init(reading reader: JSONReader) throws {
        if try reader.optional("hang")?.bool() == true {
            try reader.onlyKeys(["hang"])
            self = .hang
        } else if try reader.optional("close")?.bool() == true {
            try reader.onlyKeys(["close"])
            self = .close
        } else {
            try reader.onlyKeys(["status", "body", "delay"])
            self = .reply(
                status: try reader.required("status").int(in: 100...599),
                body: try reader.optional("body")?.value,
                delay: try reader.optional("delay")?.duration() ?? .zero)
        }
    }
}
