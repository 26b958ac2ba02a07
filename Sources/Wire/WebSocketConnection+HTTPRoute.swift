import Clocks
import HTTPCodec
import Logs
import WebSocketCodec

extension WebSocketConnection {
    /// Serves a WebSocket on a route of wire-io's `HTTPServer`, so one port can
    /// carry plain HTTP routes and a WebSocket endpoint.
    ///
    /// Checks `request` against RFC 6455 section 4.2.1 and returns either the
    /// HTTP refusal, or `.upgrade` with the 101 answer and a takeover that runs
    /// `handler` on the open connection. The owner's own checks (Origin
    /// allowlist, token) belong in the route before calling this. The takeover
    /// returns only once the connection is over, because the HTTP server closes
    /// the socket when it returns.
    public static func upgradeReply(
        to request: HTTPRequest,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        handler: @escaping @Sendable (WebSocketConnection) async -> Void
    ) -> HTTPReply {
        let upgrade = WebSocketUpgradeRequest(request, remoteAddress: .any())
        switch WebSocketHandshake.acceptUpgrade(method: upgrade.method, version: upgrade.version, headers: upgrade.headers) {
        case .failure(let rejection):
            logger.warning("websocket handshake refused", ("path", request.path), ("status", rejection.status),
                           ("reason", rejection.reason))
            return .response(rejection.response)
        case .success(let fields):
            return .upgrade(WebSocketHandshake.switchingProtocols(fields)) { tcp, alreadyRead in
                let connection = WebSocketConnection(tcp: tcp, role: .server, configuration: configuration, time: time, logger: logger)
                await connection.start(initialBytes: alreadyRead)
                logger.log(configuration.lifecycleLogLevel, "websocket open", [("client", tcp.remoteAddress), ("path", request.path)])
                await handler(connection)
                await connection.close()
                _ = await connection.closed()
            }
        }
    }
}
