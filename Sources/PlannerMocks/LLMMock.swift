import Clocks
import Foundation
import HTTPCodec
import JSONValue
import Logs
import Networks
import Planner
import PostTransportMocks
import Wire

/// A scriptable model endpoint on Wire's HTTP server at 127.0.0.1, speaking
/// every provider format the planner uses: OpenAI (`…/chat/completions`),
/// Azure (`/openai/deployments/{d}/chat/completions`), Ollama (`/api/chat`,
/// `/api/generate`). Each reply's text is wrapped the way the requested
/// endpoint wraps it, so one script serves any provider.
///
/// For tests and the scenario runner. Point `OPENAI_BASE_URL` at
/// `baseURL + "/v1"`, or `OLLAMA_BASE_URL`/`AZURE_OPENAI_ENDPOINT` at `baseURL`.
package final class LLMMock: Sendable {
    package enum Reply: Sendable, Equatable {
        /// 200 with this model text, in the requested endpoint's format.
        case content(String)
        /// The same, after `delay` on the mock's clock.
        case delayed(Duration, String)
        /// 200 with the offline planner's plan for the user's order as the model text:
        /// a plausible model for scenarios that do not care what the model says.
        case offlinePlan
        /// This status and body verbatim (provider errors; 404 for an Ollama without /api/chat).
        case status(Int, body: String)
        /// 200 with this body verbatim: garbage, truncated JSON, HTML.
        case raw(String)
        /// Never answers.
        case hang
        /// Closes the connection without a reply.
        case close
    }

    package struct Request: Sendable {
        package let path: String
        /// nil when the path is not a model endpoint (answered 404).
        package let format: LLMRequest.Format?
        /// Header names in lower case.
        package let headers: [String: String]
        package let body: JSONValue
        /// The order: the last user message (chat) or the prompt (generate).
        package var order: String? {
            body["prompt"]?.stringValue ?? body["messages"]?.arrayValue?.last { $0["role"] == "user" }?["content"]?.stringValue
        }
        package let reply: Reply
        /// When it arrived, on the mock's clock (for traces).
        package let received: Duration
    }

    private let server: HTTPServer
    private let script: MockScript<Reply, Request>
    package var port: UInt16 { server.port }
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Listens on 127.0.0.1:`port` (0: pick one). Delays and hangs run on `time`.
    /// `network`: the machine's TCP, or an in-memory network in simulation runs.
    /// `keepingRequests`: how many of the newest requests `requests` holds (all, for tests).
    package init(port: UInt16 = 0, time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "llm-mock"),
                 network: any StreamNetwork = TCPNetwork(), keepingRequests: Int = .max) throws {
        let script = MockScript<Reply, Request>(then: .offlinePlan, keeping: keepingRequests)
        self.script = script
        server = try HTTPServer(
            listener: network.listen(on: .loopback(port: port)), configuration: HTTPServerConfiguration(shutdownGrace: .zero),
            time: time, logger: logger,
            handler: { request, _ in try await Self.answer(request, script: script, time: time, logger: logger) })
    }

    /// The next requests get `replies` in order, then `fallback` (default `.offlinePlan`).
    package func script(_ replies: [Reply], then fallback: Reply = .offlinePlan) { script.set(replies, then: fallback) }

    package var requests: [Request] { script.records }

    package func shutdown() async { await server.shutdown() }

    static func format(ofPath path: String) -> LLMRequest.Format? {
        if path.hasPrefix("/openai/deployments/") && path.hasSuffix("/chat/completions") { return .azureChat }
        if path.hasSuffix("/chat/completions") { return .openAIChat }
        if path == "/api/chat" { return .ollamaChat }
        if path == "/api/generate" { return .ollamaGenerate }
        return nil
    }

    private static func answer(
        _ request: HTTPRequest, script: MockScript<Reply, Request>, time: any TimeSource, logger: Logger
    ) async throws -> HTTPReply {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.lowercased()] = field.value }
        let body = (try? JSONValue(parsing: Data(request.body))) ?? .null
        let format = request.method == "POST" ? format(ofPath: request.path) : nil
        func record(_ reply: Reply) -> Request { Request(path: request.path, format: format, headers: headers, body: body, reply: reply, received: time.now) }
        guard let format else {
            let reply = Reply.status(404, body: #"{"error":"not found"}"#)
            script.record(record(reply))
            return .response(.json(Array(#"{"error":"not found"}"#.utf8), status: 404))
        }
        let reply = script.next(recording: record)
        logger.info("llm mock request", ("path", request.path), ("format", format.rawValue), ("reply", "\(reply)"))
        switch reply {
        case .content(let text):
            return .response(.json(Array(wrap(text, in: format).encoded())))
        case .delayed(let delay, let text):
            try await time.sleep(for: delay)
            return .response(.json(Array(wrap(text, in: format).encoded())))
        case .offlinePlan:
            let order = record(reply).order ?? ""
            let text = (try? OfflinePlanner().planNow(order).rawResponse) ?? #"{"commands":[],"error":"无法理解"}"#
            return .response(.json(Array(wrap(text, in: format).encoded())))
        case .status(let status, let body):
            return .response(.json(Array(body.utf8), status: status))
        case .raw(let body):
            return .response(.json(Array(body.utf8)))
        case .hang:
            while true { try await time.sleep(for: .seconds(3600)) }
        case .close:
            return .close
        }
    }

    /// `text` as the endpoint in `format` returns a model's message.
    package static func wrap(_ text: String, in format: LLMRequest.Format) -> JSONValue {
        let content = JSONValue.string(text)
        switch format {
        case .openAIChat, .azureChat:
            return ["object": "chat.completion", "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]]]
        case .ollamaChat:
            return ["model": "mock", "message": ["role": "assistant", "content": content], "done": true]
        case .ollamaGenerate:
            return ["model": "mock", "response": content, "done": true]
        }
    }
}
