import HTTPCodec

/// Limits and timeouts of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// Bounds on request lines, headers and bodies.
    public var limits: HTTPLimits
    /// From a request's first byte (or the connection's opening) until its head is
    /// complete: a slow-headers client is answered 408 and closed (10 s, like common servers'
    /// header timeouts, ample for any honest client on loopback or LAN).
    public var headerTimeout: Duration
    /// How long a kept-alive connection may sit between requests, and how long a body
    /// or a response write may stall, before it is closed (60 s, the agent's pong timeout).
    public var idleTimeout: Duration
    /// Connections served at once; one more is answered 503 and closed, so a flood
    /// cannot exhaust fds or memory.
    public var maxConnections: Int
    /// On shutdown, how long in-flight requests may take before their handlers are cancelled.
    public var shutdownGrace: Duration

    public init(
        limits: HTTPLimits = .default, headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 256, shutdownGrace: Duration = .seconds(5)
    ) {
        self.limits = limits
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.shutdownGrace = shutdownGrace
    }
}
