import Clocks
import Foundation
import JSONValue
import Logs
import Wire

/// A scripted LLM endpoint on Wire's HTTP server: answers each chat request
/// with the next reply of an `LLMScript`, in the envelope of the path asked
/// (OpenAI and Azure `.../chat/completions`, Ollama `/api/chat` and
/// `/api/generate`), so the agent's real provider code parses it.
///
/// Stateless apart from the script position, which `ScriptedReplies` keeps.
public final class LLMMock: Sendable {
    private let server: HTTPServer
    private let replies: ScriptedReplies

    public init(script: LLMScript, time: any TimeSource, logger: Logger) throws {
        let replies = ScriptedReplies(script)
        self.replies = replies
        server = try HTTPServer(address: .loopback(port: 0), time: time, logger: logger.named("llm-mock")) { request in
            await Self.answer(request, with: replies.take(path: request.path), model: script.model, time: time)
        }
    }

    /// `http://127.0.0.1:PORT`: the base URL (OpenAI and Ollama) or endpoint (Azure) for the agent.
    public var baseURL: String { "http://127.0.0.1:\(server.port)" }

    /// Paths of the chat requests received, in order.
    public var requests: [String] { replies.paths }

    public func shutdown() async { await server.shutdown() }

    private static func answer(_ request: HTTPRequest, with reply: LLMReply?, model: String, time: any TimeSource) async -> HTTPReply {
        switch reply {
        case .content(let text, let delay)?:
            if delay > .zero { try? await time.sleep(for: delay) }
            return .response(.json(Array(envelope(text, path: request.path, model: model).encoded())))
        case .status(let status, let body)?:
            return .response(HTTPResponse.text(body, status: status))
        case .hang?:
            // Until the agent gives up (its deadline) or the run ends (shutdown cancels this).
            try? await time.sleep(for: .seconds(86_400))
            return .close
        case nil:
            return .response(.json(Array(#"{"error":{"message":"the scenario's LLM script has no more replies"}}"#.utf8), status: 500))
        }
    }

    /// The provider's response shape around the model's text.
    static func envelope(_ text: String, path: String, model: String) -> JSONValue {
        let message: JSONValue = ["role": "assistant", "content": .string(text)]
        if path.hasSuffix("/api/generate") { return ["model": .string(model), "response": .string(text), "done": true] }
        if path.hasSuffix("/api/chat") { return ["model": .string(model), "message": message, "done": true] }
        return [
            "id": "chatcmpl-scenario", "object": "chat.completion", "model": .string(model),
            "choices": [["index": 0, "message": message, "finish_reason": "stop"]],
        ]
    }
}

/// The script's replies handed out in order, then `then`.
/// `@unchecked Sendable`: `next` and `asked` are only touched under `lock`.
private final class ScriptedReplies: @unchecked Sendable {
    private let script: LLMScript
    private let lock = NSLock()
    private var next = 0
    private var asked: [String] = []

    init(_ script: LLMScript) { self.script = script }

    func take(path: String) -> LLMReply? {
        lock.withLock {
            asked.append(path)
            defer { next += 1 }
            return next < script.replies.count ? script.replies[next] : script.then
        }
    }

    var paths: [String] { lock.withLock { asked } }
}
