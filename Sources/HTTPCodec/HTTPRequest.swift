/// An HTTP version; we speak 1.1 and accept 1.0.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public static let http11 = HTTPVersion(major: 1, minor: 1)
    public static let http10 = HTTPVersion(major: 1, minor: 0)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A complete HTTP request: head and (de-chunked) body.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token as sent, e.g. "GET", "POST" (methods are case-sensitive, RFC 9110 §9.1).
    public var method: String
    /// The request-target as sent, e.g. "/api/ai-analysis?retry=1".
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: String = "GET", target: String = "/", version: HTTPVersion = .http11,
        headers: HTTPHeaders = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target without its query: what routes match on. A fragment is
    /// never part of a request-target (RFC 9112 §3.2); one sent anyway is
    /// left out of path and query, so it is never routed on nor logged.
    public var path: String {
        String(target.prefix { $0 != "?" && $0 != "#" })
    }

    /// The query after "?", if any (not decoded), without a fragment.
    public var query: String? {
        let beforeFragment = target.prefix { $0 != "#" }
        return beforeFragment.firstIndex(of: "?").map { String(beforeFragment[beforeFragment.index(after: $0)...]) }
    }

    /// The body as UTF-8 text, or nil if it is not valid UTF-8.
    public var bodyText: String? { String(validating: body, as: UTF8.self) }

    /// Whether the connection stays open after this exchange (RFC 9112 §9.3):
    /// HTTP/1.1 persists unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    public var keepAlive: Bool {
        let connection = headers.tokens(for: "Connection")
        if connection.contains("close") { return false }
        return version == .http11 || connection.contains("keep-alive")
    }

    /// The client sent "Expect: 100-continue" and waits for an interim 100 before its body (RFC 9110 §10.1.1).
    public var expectsContinue: Bool {
        headers.tokens(for: "Expect").contains("100-continue")
    }
}
