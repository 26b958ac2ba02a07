/// The limits and timers the protocol itself needs (frame and message sizes,
/// keepalive, the close timeout): what `WebSocketStateMachine` reads. The
/// connection's own settings (send queue bound, log level) wrap it in
/// `WebSocketConfiguration`, one layer up, so this module stays free of I/O
/// and logging. Defaults are the original agent's (docs/architecture.md, Conventions).
public struct WebSocketProtocolConfiguration: Sendable, Equatable {
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

    public init(
        pingInterval: Duration? = .seconds(20), pongTimeout: Duration = .seconds(60),
        closeTimeout: Duration = .seconds(10), maxFrameSize: Int = WebSocketFrameDecoder.defaultMaxFrameSize,
        maxMessageSize: Int = WebSocketMessageAssembler.defaultMaxMessageSize
    ) {
        self.pingInterval = pingInterval
        self.pongTimeout = pongTimeout
        self.closeTimeout = closeTimeout
        self.maxFrameSize = maxFrameSize
        self.maxMessageSize = maxMessageSize
    }
}
