/// What serves a WebSocket connection that a server opened.
public enum WebSocketEndpoint: Sendable {
    /// A task of its own per connection, which owns it: it calls `receive`
    /// and `send` and may await anything. When it returns, the connection is
    /// closed with 1000 if it is still open.
    case task(@Sendable (WebSocketConnection, WebSocketUpgradeRequest) async -> Void)
    /// A callback given each message as it is parsed, on the connection's
    /// actor (as `handleMessages`): no task of its own, so an open connection
    /// costs only the one task that reads it. It must not block; see
    /// `WebSocketConnection.handleMessages` for what that buys and costs.
    case messages(WebSocketConnection.MessageHandler)
}
