import HTTPCodec
import Logs
import Sockets

/// Limits and timeouts of an `HTTPServer`.
public struct HTTPServerConfiguration: Sendable {
    /// Bounds on request lines, headers and bodies.
    public var limits: HTTPLimits
    /// From a request's first byte (or the connection's opening) until its head is
    /// complete: a slow-headers client is answered 408 and closed (10 s, like common servers'
    /// header timeouts, ample for any honest client on loopback or LAN). For a WebSocket
    /// route this is the handshake timeout.
    public var headerTimeout: Duration
    /// How long a kept-alive connection may sit between requests, and how long a body
    /// or a response write may stall, before it is closed (60 s, the agent's pong timeout).
    public var idleTimeout: Duration
    /// Connections served at once, counted from accept (an upgraded connection
    /// counts until it is over); one more is answered 503 and closed, so a flood
    /// cannot exhaust fds or memory.
    public var maxConnections: Int
    /// Connections one remote address may hold at once; one more from it is answered 503.
    /// Without it a single host that opens and idles connections fills `maxConnections` for everyone.
    public var maxConnectionsPerAddress: Int
    /// Whether `maxConnectionsPerAddress` also counts loopback clients (127.0.0.0/8). Off by
    /// default: on a laptop every tab, script and test comes from 127.0.0.1, and whoever can
    /// connect from the machine itself could stop the server anyway.
    public var perAddressCountsLoopback: Bool
    /// On shutdown, how long in-flight requests (and upgraded connections, once told
    /// the server is going away) may take before they are cancelled and closed.
    public var shutdownGrace: Duration
    /// Level of the server's own lines about refused newcomers (over a cap, 408,
    /// a malformed request): a warning, unless the owner logs them from the
    /// `refused` callback (then debug, so each appears once).
    public var refusalLogLevel: LogLevel
    /// Runs each TCP connection's task (the route, an upgraded connection's
    /// handler and everything they start as children) on the reactor thread
    /// that sees its socket, as an event loop does: a message that arrives
    /// resumes the handler on that thread, with no hand-off, and its answer is
    /// written from there. Only for handlers that never block and do little
    /// work per message (an echo, a relay): one slow handler delays every
    /// connection of the reactor. Off by default: handlers (and a WebSocket
    /// connection's read and write loops) run on the cooperative pool.
    public var runsHandlersOnReactor = false

    /// One remote address may hold 32 connections: a browser needs one per tab, a
    /// classroom behind one NAT a few dozen, and one host that opens and idles
    /// hundreds cannot fill the server for everyone.
    public static let defaultMaxConnectionsPerAddress = 32

    public init(
        limits: HTTPLimits = .default, headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 256, maxConnectionsPerAddress: Int = defaultMaxConnectionsPerAddress,
        perAddressCountsLoopback: Bool = false, shutdownGrace: Duration = .seconds(5), refusalLogLevel: LogLevel = .warning
    ) {
        self.limits = limits
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.perAddressCountsLoopback = perAddressCountsLoopback
        self.shutdownGrace = shutdownGrace
        self.refusalLogLevel = refusalLogLevel
    }

    /// Whether `address` is counted against `maxConnectionsPerAddress`.
    func countsPerAddress(_ address: SocketAddress) -> Bool {
        perAddressCountsLoopback || !address.isLoopback
    }
}
