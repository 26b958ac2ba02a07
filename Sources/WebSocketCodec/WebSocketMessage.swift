/// A complete application message (RFC 6455 section 1.2): the text or
/// bytes of one unfragmented frame or of all fragments joined.
public enum WebSocketMessage: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
}

/// What the message layer yields to the connection for each complete unit.
public enum WebSocketInbound: Sendable, Equatable {
    case message(WebSocketMessage)
    case ping([UInt8])
    case pong([UInt8])
    case close(CloseFramePayload)
}
