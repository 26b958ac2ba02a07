import Clocks
import HTTPCodec
import Logs
import Sockets
import WebSocketCodec

/// A WebSocket-only server: an `HTTPServer` whose one route is a WebSocket
/// endpoint on every path (`HTTPRouter.webSocket("*", ...)`). The accept loop,
/// the caps (server-wide and per address), the handshake timeout (408), the
/// refusals (503) and the drain on shutdown are the HTTP server's. To serve
/// pages on the same port, build the router yourself and run an `HTTPServer`.
///
/// A handler task (`endpoint: .task { connection, request in ... }`) owns its
/// connection; when it returns without closing, the connection is closed with
/// 1000. A handler that fails should close with 1011 itself first (RFC 6455
/// section 7.4.1: "unexpected condition"). A message callback (`.messages`)
/// instead costs no task per connection.
///
/// Every newcomer that does not reach the handler is told to `refused` (cap
/// refusals at most once a second), before its answer is sent; this layer's
/// own line about it is at the lifecycle level when that is debug.
public final class WebSocketServer: Sendable {
    public typealias Handler = @Sendable (WebSocketConnection, WebSocketUpgradeRequest) async -> Void

    /// Linux's default soft limit on open files (`ulimit -n`) is 1024: past it
    /// `accept` fails for everyone, so newcomers get a clear 503 before that.
    public static let defaultMaxConnections = 1000
    /// See `HTTPServerConfiguration.defaultMaxConnectionsPerAddress`.
    public static let defaultMaxConnectionsPerAddress = HTTPServerConfiguration.defaultMaxConnectionsPerAddress

    /// The server underneath, for its address and connection count.
    public let http: HTTPServer
    public let limits: WebSocketServerLimits
    public var localAddress: SocketAddress { http.localAddress }

    private init(http: HTTPServer, limits: WebSocketServerLimits) {
        self.http = http
        self.limits = limits
    }

    /// Binds `address` (port 0 picks one; see `localAddress`) and starts accepting;
    /// `endpoint` serves each connection: a handler task of its own, or a message callback.
    public static func start(
        on address: SocketAddress,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        limits: WebSocketServerLimits = .init(),
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        endpoint: WebSocketEndpoint
    ) throws -> WebSocketServer {
        // Connections that run on their reactors are spread over one reactor per core.
        let spread = limits.runsHandlersOnReactor ? Reactor.perCore : []
        return try start(listener: TCPListener.bind(address, spreadingAcceptedOver: spread), configuration: configuration,
                         time: time, logger: logger, limits: limits, refused: refused, decide: decide, endpoint: endpoint)
    }

    /// Serves the streams `listener` accepts (a simulated network's), with the same rules.
    public static func start(
        listener: any ByteStreamListener,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        limits: WebSocketServerLimits = .init(),
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        endpoint: WebSocketEndpoint
    ) -> WebSocketServer {
        var router = HTTPRouter()
        router.webSocket("*", configuration: configuration, time: time, logger: logger, refused: refused, decide: decide,
                         endpoint: endpoint)
        var server = limits.serverConfiguration(closeTimeout: configuration.closeTimeout)
        let level = configuration.lifecycleLogLevel
        server.refusalLogLevel = level <= .debug ? level : .warning
        let http = HTTPServer(listener: listener, configuration: server, time: time, logger: logger, refused: refused,
                              handler: router.handler)
        return WebSocketServer(http: http, limits: limits)
    }

    /// Connections accepted and not yet over (handshakes included).
    public var connectionCount: Int { http.connectionCount }

    /// Stops accepting only; open connections are left to their handlers.
    public func close() { http.listener.close() }

    /// Shuts down in order: stop accepting, send every open connection a Close
    /// (1001, RFC 6455 section 7.4.1), then wait until each is over, at most the
    /// connections' close timeout (then they are dropped).
    public func shutdown() async { await http.shutdown() }
}
