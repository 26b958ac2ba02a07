import Clocks
import Logs
import WebSocketCodec

extension HTTPRouter {
    /// A WebSocket endpoint at `pattern` ("*": every path): see
    /// `WebSocketConnection.upgradeReply`. Upgrade requests come to it before any
    /// other route; a plain request to `pattern` that no other route serves gets
    /// the handshake's refusal (426 without `Upgrade: websocket`, 405 for other methods).
    public mutating func webSocket(
        _ pattern: String,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        goingAwayReason: String = "server shutting down",
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        endpoint: WebSocketEndpoint
    ) {
        upgradeRoute("websocket", pattern) { request, connection in
            await WebSocketConnection.upgradeReply(
                to: request, on: connection, configuration: configuration, time: time, logger: logger,
                goingAwayReason: goingAwayReason, refused: refused, decide: decide, endpoint: endpoint)
        }
    }
}
