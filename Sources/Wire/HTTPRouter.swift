import HTTPCodec
import Sockets

/// What a handler does with a request: answer it, or one of the behaviours
/// mocks need to imitate broken servers.
public enum HTTPReply: Sendable {
    /// Send this response (keep-alive rules then decide whether the connection stays open).
    case response(HTTPResponse)
    /// Close the connection without replying (FIN): "the server went away mid-request".
    case close
    /// Reset the connection without replying (RST): "the server crashed".
    case reset
    /// Write these bytes verbatim, then close: malformed or truncated responses.
    case raw([UInt8])
    /// Send the response (e.g. 101 Switching Protocols), then hand the connection
    /// and any bytes already read past the request to `takeover`, which serves it for
    /// its lifetime (the server closes it when `takeover` returns, and cancels it on shutdown).
    case upgrade(HTTPResponse, takeover: @Sendable (TCPConnection, [UInt8]) async -> Void)
}

/// Serves one request. Throwing answers 500 (and is logged); handlers that
/// wait must honour task cancellation, which is how shutdown ends them.
public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPReply

/// Routes by method and path: exact paths, or a prefix ending in "*".
///
/// No route for the path answers 404; a path known under other methods
/// answers 405 with an Allow header (RFC 9110 §15.5.6: "MUST generate an Allow header field").
public struct HTTPRouter: Sendable {
    private struct Route: Sendable {
        let method: String
        let pattern: String
        let handler: HTTPHandler

        func matches(path: String) -> Bool {
            pattern.hasSuffix("*") ? path.hasPrefix(pattern.dropLast()) : path == pattern
        }
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route whose handler decides the reply (answer, drop, reset, raw bytes, upgrade).
    public mutating func route(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, pattern: pattern, handler: handler))
    }

    /// Adds a route whose handler always answers with a response.
    public mutating func route(
        _ method: String, _ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) {
        route(method, pattern) { request -> HTTPReply in .response(try await handler(request)) }
    }

    public mutating func get(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        route("GET", pattern, handler)
    }

    public mutating func post(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        route("POST", pattern, handler)
    }

    /// The router as one handler, for `HTTPServer`. HEAD is served by the GET route (RFC 9110 §9.3.2).
    public var handler: HTTPHandler {
        let routes = self.routes
        return { request in
            let candidates = routes.filter { $0.matches(path: request.path) }
            let method = request.method == "HEAD" ? "GET" : request.method
            if let route = candidates.first(where: { $0.method == request.method })
                ?? candidates.first(where: { $0.method == method }) {
                return try await route.handler(request)
            }
            guard !candidates.isEmpty else {
                return .response(.text("no route for \(request.path)\n", status: 404))
            }
            var allowed = Array(Set(candidates.map(\.method))).sorted()
            if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
            var response = HTTPResponse.text("\(request.method) not allowed on \(request.path)\n", status: 405)
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return .response(response)
        }
    }
}
