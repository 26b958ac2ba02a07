/// What became of a send: never a throw, never a crash.
///
/// The field failure was an exception from sending on a socket the client had
/// already closed. Here a send on a closing or closed connection is an
/// ordinary result the caller can log (with the message type) and move past.
public enum WebSocketSendOutcome: Sendable, Equatable {
    /// Accepted for writing, in order, to the socket.
    case sent
    case notSent(WebSocketNotSentReason)
}

public enum WebSocketNotSentReason: Error, Sendable, Equatable, CustomStringConvertible {
    /// A Close frame has been sent or received; RFC 6455 section 5.5.1 allows no more data.
    case closing
    /// The connection is over; how it ended is attached.
    case closed(WebSocketCloseInfo)
    /// `close(code:)` with a code that may not be sent (1005, 1006, 1015, unassigned...).
    case invalidCloseCode(WebSocketCloseCode)

    public var description: String {
        switch self {
        case .closing: "connection is closing"
        case .closed(let info): "connection closed: \(info)"
        case .invalidCloseCode(let code): "close code \(code) may not be sent"
        }
    }
}
