import HTTPCodec
import Sockets
import WebSocketCodec

/// How many connections a `WebSocketServer` holds, from whom, and how long a
/// newcomer may take to finish its upgrade request. Each accepted TCP
/// connection costs a file descriptor from the moment it is accepted, so the
/// caps count handshakes as well as open WebSockets.
public struct WebSocketServerLimits: Sendable, Equatable {
    /// Connections at once, server-wide; one more is answered 503.
    public var total: Int
    /// Connections one remote address may hold at once; one more from it is answered 503.
    /// Without it a single host that opens and idles connections fills `total` for everyone.
    public var perAddress: Int
    /// Whether `perAddress` also counts loopback clients (127.0.0.0/8). Off by default:
    /// on a laptop every tab, script and test comes from 127.0.0.1, and whoever can
    /// connect from the machine itself could stop the server anyway.
    public var perAddressCountsLoopback: Bool
    /// From accept until the upgrade request is complete; a connection that has not sent
    /// it by then is answered 408 and closed, freeing its place (timed on the server's clock).
    public var handshakeTimeout: Duration
    /// See `HTTPServerConfiguration.runsHandlersOnReactor` (off by default).
    public var runsHandlersOnReactor = false

    public init(
        total: Int = WebSocketServer.defaultMaxConnections, perAddress: Int = WebSocketServer.defaultMaxConnectionsPerAddress,
        perAddressCountsLoopback: Bool = false, handshakeTimeout: Duration = WebSocketHandshake.defaultTimeout
    ) {
        self.total = total
        self.perAddress = perAddress
        self.perAddressCountsLoopback = perAddressCountsLoopback
        self.handshakeTimeout = handshakeTimeout
    }

    /// The HTTP server settings that carry these limits. An upgrade request has no
    /// body (one is answered 413); the shutdown grace is the connections' close
    /// timeout, the time a peer has to answer the server's Close.
    public func serverConfiguration(closeTimeout: Duration) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(
            limits: HTTPLimits(maxBodySize: 0), headerTimeout: handshakeTimeout, maxConnections: total,
            maxConnectionsPerAddress: perAddress, perAddressCountsLoopback: perAddressCountsLoopback,
            shutdownGrace: closeTimeout)
        configuration.runsHandlersOnReactor = runsHandlersOnReactor
        return configuration
    }
}
