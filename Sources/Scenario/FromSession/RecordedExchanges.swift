import FlightRecord
import JSONValue

/// The 3002 backend's and the model's recorded answers as the stand-ins' scripts.
enum RecordedExchanges {
    /// `setup.backend`: each recorded answer in order; a backend that refused every
    /// connection is a backend that is down. Nil when the session posted nothing.
    static func backend(_ log: RecordLog) -> JSONValue? {
        let replies = answers(log, request: "backend_post", reply: "backend_reply")
        guard !replies.isEmpty else { return nil }
        if replies.allSatisfy({ $0?.string("error") == "refused" }) { return ["down": true] }
        let responses: [JSONValue] = replies.map { reply in
            guard let reply else { return ["hang": true] }  // never answered: the agent gave up on it
            if let status = reply.int("status") { return ["status": .number(Double(status))] }
            return reply.string("error") == "timed out" ? ["hang": true] : ["close": true]
        }
        return ["responses": .array(responses)]
    }

    /// `setup.llm`: the provider and model of the first request, and each answer's content in order.
    static func llm(_ log: RecordLog) -> JSONValue? {
        let requests = log.events.filter { $0.kind == "llm_request" }
        guard let first = requests.first else { return nil }
        let provider = first.string("provider") ?? "openai"
        let model = first.string("body").flatMap { try? JSONValue(parsing: $0) }?["model"]?.stringValue ?? "recorded"
        let replies: [JSONValue] = answers(log, request: "llm_request", reply: "llm_reply").map { reply in
            guard let reply else { return ["hang": true] }
            guard let status = reply.int("status") else {
                return reply.string("error") == "timed out" ? ["hang": true] : ["status": 502, "body": .string(reply.string("error") ?? "")]
            }
            let body = reply.string("body") ?? ""
            guard (200..<300).contains(status) else { return ["status": .number(Double(status)), "body": .string(body)] }
            let json = try? JSONValue(parsing: body)
            // OpenAI and Azure: choices[0].message.content; Ollama: message.content.
            let content = json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue
                ?? json?["message"]?["content"]?.stringValue
            return content.map { ["content": .string($0)] } ?? ["status": .number(Double(status)), "body": .string(body)]
        }
        return ["provider": .string(LLMScript.providers.contains(provider) ? provider : "openai"), "model": .string(model),
                "replies": .array(replies)]
    }

    /// Each request's answer in request order (by `id`); nil for one that never got any.
    static func answers(_ log: RecordLog, request: String, reply: String) -> [RecordLog.Event?] {
        var byID: [Int: RecordLog.Event] = [:]
        for event in log.events where event.kind == reply {
            if let id = event.int("id") { byID[id] = event }
        }
        return log.events.filter { $0.kind == request }.map { $0.int("id").flatMap { byID[$0] } }
    }
}
