import Foundation

/// Where analyses go: `{backend}/api/ai-analysis`.
///
/// Resolution order, as docs/architecture.md and docs/bridge3002.md say:
/// `--backend URL`, else `BACKEND_3002_URL`, else `http://localhost:3002`.
/// The original agent's configs hold a WebSocket URL in `BACKEND_3002_URL`
/// (`ws://localhost:3002`, the backend's socket); only its host and port
/// are used, since the analysis endpoint is plain HTTP on the same server.
package struct BackendEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The full URL analyses are POSTed to.
    package let url: URL

    package static let defaultBase = "http://localhost:3002"
    package static let path = "/api/ai-analysis"

    package init(url: URL) { self.url = url }

    /// Resolves the endpoint from a `--backend` flag value and the environment.
    /// Throws `BackendEndpoint.Invalid` with the offending text for anything
    /// that is not an http(s) or ws(s) URL with a host.
    package static func resolve(flag: String?, environment: [String: String]) throws(Invalid) -> BackendEndpoint {
        if let flag { return try parse(flag, source: "--backend") }
        if let env = environment["BACKEND_3002_URL"], !env.isEmpty { return try parse(env, source: "BACKEND_3002_URL") }
        return try parse(defaultBase, source: "default")
    }

    static func parse(_ text: String, source: String) throws(Invalid) -> BackendEndpoint {
        guard var parts = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = parts.scheme?.lowercased(), let host = parts.host, !host.isEmpty
        else { throw Invalid(text: text, source: source) }
        switch scheme {
        case "http", "https":
            let base = parts.path.hasSuffix("/") ? String(parts.path.dropLast()) : parts.path
            parts.path = base + path
        case "ws", "wss":
            parts.scheme = scheme == "ws" ? "http" : "https"
            parts.path = path
        default:
            throw Invalid(text: text, source: source)
        }
        parts.query = nil
        parts.fragment = nil
        guard let url = parts.url else { throw Invalid(text: text, source: source) }
        return BackendEndpoint(url: url)
    }

    package var description: String { url.absoluteString }

    /// A backend address that cannot be used, and where it came from.
    package struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        package let text: String
        package let source: String
        package var description: String { "invalid 3002 backend URL from \(source): \"\(text)\" (expected http://HOST:PORT or ws://HOST:PORT)" }
    }
}
