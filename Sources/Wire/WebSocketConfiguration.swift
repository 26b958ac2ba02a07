import Logs
import WebSocketCodec

/// Limits and timers of one WebSocket connection; defaults are the original
/// agent's (docs/architecture.md, Conventions) so the existing front end sees no change.
/// The protocol's own part (`WebSocketProtocolConfiguration`, read by the state
/// machine) plus what only a connection with a socket and a logger needs.
public struct WebSocketConfiguration: Sendable, Equatable {
    /// Frame and message sizes, keepalive and close timeout.
    public var protocolConfiguration: WebSocketProtocolConfiguration
    /// Bytes allowed to wait in the send queue for a slow reader; past it the
    /// connection is closed with 1008 instead of growing memory without bound.
    /// 16 MiB: a full-size message plus room for broadcasts behind it.
    public var maxQueuedBytes: Int
    /// Level of this layer's "websocket open" and "websocket closed" lines.
    /// Info (unclean closes at warning) for a plain WebSocket server such as
    /// wire-echo, whose only log they are; an application that logs its own
    /// sessions, as the agent does, sets debug, so each open and each close is
    /// logged once, by the layer that knows what it meant.
    public var lifecycleLogLevel: LogLevel

    public init(
        pingInterval: Duration? = .seconds(20), pongTimeout: Duration = .seconds(60),
        closeTimeout: Duration = .seconds(10), maxFrameSize: Int = WebSocketFrameDecoder.defaultMaxFrameSize,
        maxMessageSize: Int = WebSocketMessageAssembler.defaultMaxMessageSize, maxQueuedBytes: Int = 16 * 1024 * 1024,
        lifecycleLogLevel: LogLevel = .info
    ) {
        protocolConfiguration = WebSocketProtocolConfiguration(
            pingInterval: pingInterval, pongTimeout: pongTimeout, closeTimeout: closeTimeout,
            maxFrameSize: maxFrameSize, maxMessageSize: maxMessageSize)
        self.maxQueuedBytes = maxQueuedBytes
        self.lifecycleLogLevel = lifecycleLogLevel
    }

    /// See `WebSocketProtocolConfiguration.pingInterval`.
    public var pingInterval: Duration? {
        get { protocolConfiguration.pingInterval }
        set { protocolConfiguration.pingInterval = newValue }
    }
    /// See `WebSocketProtocolConfiguration.pongTimeout`.
    public var pongTimeout: Duration {
        get { protocolConfiguration.pongTimeout }
        set { protocolConfiguration.pongTimeout = newValue }
    }
    /// See `WebSocketProtocolConfiguration.closeTimeout`.
    public var closeTimeout: Duration {
        get { protocolConfiguration.closeTimeout }
        set { protocolConfiguration.closeTimeout = newValue }
    }
    /// See `WebSocketProtocolConfiguration.maxFrameSize`.
    public var maxFrameSize: Int {
        get { protocolConfiguration.maxFrameSize }
        set { protocolConfiguration.maxFrameSize = newValue }
    }
    /// See `WebSocketProtocolConfiguration.maxMessageSize`.
    public var maxMessageSize: Int {
        get { protocolConfiguration.maxMessageSize }
        set { protocolConfiguration.maxMessageSize = newValue }
    }
}
