/// A scripted LLM endpoint: the agent is pointed at it with `provider`'s wire
/// format, and it answers each chat request with the next listed reply, then
/// with `then` (nil: HTTP 500) once the list is used up.
public struct LLMScript: Sendable, Equatable {
    /// The wire format the agent speaks to it: "openai", "azure" or "ollama".
    public var provider: String
    public var model: String
    public var replies: [LLMReply]
    public var then: LLMReply?

    public static let providers = ["openai", "azure", "ollama"]

    public init(provider: String = "openai", model: String = "scripted", replies: [LLMReply], then: LLMReply? = nil) {
        self.provider = provider
        self.model = model
        self.replies = replies
        self.then = then
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["provider", "model", "replies", "then"])
        self.init(
            provider: try reader.optional("provider")?.choice(Self.providers) ?? "openai",
            model: try reader.optional("model")?.name() ?? "scripted",
            replies: try reader.required("replies").array().map(LLMReply.init(reading:)),
            then: try reader.optional("then").map(LLMReply.init(reading:)))
    }
}

/// One scripted LLM answer.
public enum LLMReply: Sendable, Equatable {
    /// `{"content": "...", "delay": "2s"}`: the model's text, in the provider's envelope.
    case content(String, delay: Duration = .zero)
    /// `{"status": 500, "body": "..."}`: an HTTP error with a raw body.
    case status(Int, body: String = "")
    /// `{"hang": true}`: never answers.
    case hang

    init(reading reader: JSONReader) throws {
        if let content = try reader.optional("content") {
            try reader.onlyKeys(["content", "delay"])
            self = .content(try content.string(), delay: try reader.optional("delay")?.duration() ?? .zero)
        } else if try reader.optional("hang")?.bool() == true {
            try reader.onlyKeys(["hang"])
            self = .hang
        } else {
            try reader.onlyKeys(["status", "body"])
            self = .status(try reader.required("status").int(in: 100...599), body: try reader.optional("body")?.string() ?? "")
        }
    }
}
