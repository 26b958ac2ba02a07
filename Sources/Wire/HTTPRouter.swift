import HTTPCodec

/// Routes by method and path: exact paths, or a prefix ending in "*" ("*" alone: every path).
///
/// No route for the path answers 404; a path known under other methods
/// answers 405 with an Allow header (RFC 9110 §15.5.6: "MUST generate an Allow header field").
/// Upgrade routes (`upgradeRoute`, e.g. a WebSocket endpoint) come first for requests
/// that ask for their protocol, and last for the others: a plain request no route
/// serves gets the upgrade route's own answer (a WebSocket endpoint's 426).
public struct HTTPRouter: Sendable {
    private struct Route: Sendable {
        let method: String
        let pattern: String
        let handler: HTTPHandler

        func matches(path: String) -> Bool {
            pattern.hasSuffix("*") ? path.hasPrefix(pattern.dropLast()) : path == pattern
        }
    }

    /// A route serving requests to switch to `protocolName` (an `Upgrade` token, compared case-insensitively).
    private struct UpgradeRoute: Sendable {
        let protocolName: String
        let route: Route
    }

    private var routes: [Route] = []
    private var upgradeRoutes: [UpgradeRoute] = []

    public init() {}

    /// Adds a route whose handler decides the reply (answer, drop, reset, raw bytes, upgrade)
    /// and may look at the connection the request came on.
    public mutating func route(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, pattern: pattern, handler: handler))
    }

    /// Adds a route whose handler decides the reply from the request alone.
    public mutating func route(
        _ method: String, _ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPReply
    ) {
        route(method, pattern) { request, _ in try await handler(request) }
    }

    /// Adds a route whose handler always answers with a response.
    public mutating func route(
        _ method: String, _ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) {
        route(method, pattern) { request, _ -> HTTPReply in .response(try await handler(request)) }
    }

    public mutating func get(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        route("GET", pattern, handler)
    }

    public mutating func post(_ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        route("POST", pattern, handler)
    }

    /// Adds an endpoint for `protocolName` at `pattern`, whatever the method (the
    /// handler checks it): requests whose `Upgrade` names the protocol go to it before
    /// any other route; any other request to `pattern` goes to it only when no
    /// other route knows the path, so pages and an upgrade endpoint can share a path.
    public mutating func upgradeRoute(_ protocolName: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        upgradeRoutes.append(UpgradeRoute(protocolName: protocolName.lowercased(),
                                          route: Route(method: "*", pattern: pattern, handler: handler)))
    }

    /// The router as one handler, for `HTTPServer`. HEAD is served by the GET route (RFC 9110 §9.3.2).
    public var handler: HTTPHandler {
        let routes = self.routes
        let upgradeRoutes = self.upgradeRoutes
        return { request, connection in
            let path = request.path
            let asked = Set(request.headers.tokens(for: "Upgrade"))
            if let upgrade = upgradeRoutes.first(where: { asked.contains($0.protocolName) && $0.route.matches(path: path) }) {
                return try await upgrade.route.handler(request, connection)
            }
            let candidates = routes.filter { $0.matches(path: path) }
            let method = request.method == "HEAD" ? "GET" : request.method
            if let route = candidates.first(where: { $0.method == request.method })
                ?? candidates.first(where: { $0.method == method }) {
                return try await route.handler(request, connection)
            }
            guard candidates.isEmpty else {
                var allowed = Array(Set(candidates.map(\.method))).sorted()
                if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
                var response = HTTPResponse.text("\(request.method) not allowed on \(path)\n", status: 405)
                response.headers.set("Allow", allowed.joined(separator: ", "))
                return .response(response)
            }
            if let upgrade = upgradeRoutes.first(where: { $0.route.matches(path: path) }) {
                return try await upgrade.route.handler(request, connection)
            }
            return .response(.text("no route for \(path)\n", status: 404))
        }
    }
}
