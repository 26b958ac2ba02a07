import Logs

/// Limits and timers of one WebSocket connection; defaults are the original
/// agent's (docs/architecture.md, Conventions) so the existing front end sees no change.
public struct WebSocketConfiguration: Sendable, Equatable {
    /// Send a ping this often (nil: no keepalive). 20 s, as Python websockets' `ping_interval`.
    public var pingInterval: Duration?
    /// Fail the connection (1011) if no pong arrives this long after a ping: 60 s.
    public var pongTimeout: Duration
    /// After sending Close, wait this long for the peer's Close before dropping
    /// TCP (RFC 6455 section 7.1.1 leaves the time to us): 10 s.
    public var closeTimeout: Duration
    /// Largest frame accepted, checked from its header: 10 MiB.
    public var maxFrameSize: Int
    /// Largest message accepted, all fragments together: 10 MiB (answered with 1009).
    public var maxMessageSize: Int
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
        self.pingInterval = pingInterval
        self.pongTimeout = pongTimeout
        self.closeTimeout = closeTimeout
        self.maxFrameSize = maxFrameSize
        self.maxMessageSize = maxMessageSize
        self.maxQueuedBytes = maxQueuedBytes
        self.lifecycleLogLevel = lifecycleLogLevel
    }
}
