import Sockets

/// An "http://HOST:PORT/PATH?QUERY" URL split into where to connect and what to ask for.
///
/// Plain http only (the 3002 backend, LLM mocks and local Ollama are all
/// plain HTTP on loopback or LAN); hosts are IPv4 literals or "localhost"
/// (see `SocketAddress`); the port defaults to 80.
public struct HTTPURL: Sendable, Equatable, CustomStringConvertible {
    public let address: SocketAddress
    /// The Host header value, as written in the URL ("localhost:3002").
    public let authority: String
    /// The request-target: path and query, "/" when the URL has none.
    public let target: String

    public init?(_ text: String) {
        guard text.lowercased().hasPrefix("http://") else { return nil }
        let rest = text.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var target = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        let host: Substring
        let port: UInt16
        if let colon = authority.lastIndex(of: ":") {
            guard let parsed = UInt16(authority[authority.index(after: colon)...]) else { return nil }
            host = authority[..<colon]
            port = parsed
        } else {
            host = authority
            port = 80
        }
        guard let address = SocketAddress(host: String(host), port: port) else { return nil }
        self.address = address
        self.authority = String(authority)
        self.target = target
    }

    public var description: String { "http://\(authority)\(target)" }
}
