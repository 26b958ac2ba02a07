import WebSocketCodec

/// A text message encoded once as a server frame, for sending the very same
/// bytes to many clients: server frames are never masked (RFC 6455 section
/// 5.1), so a broadcast copies and encodes nothing per client; each
/// connection only writes (or queues) the shared bytes.
public struct WebSocketPreparedMessage: Sendable {
    public let text: String
    let serverFrame: [UInt8]

    public init(text: String) {
        self.text = text
        serverFrame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: Array(text.utf8)))
    }
}

extension WebSocketConnection {
    /// Sends a prepared message: its shared frame on a server connection; a
    /// client connection masks its own frame as usual.
    public func send(_ prepared: WebSocketPreparedMessage) -> WebSocketSendOutcome {
        guard role == .server else { return send(.text(prepared.text)) }
        switch machine.state {
        case .open: break
        case .closing: return .notSent(.closing)
        case .closed(let info): return .notSent(.closed(info))
        }
        guard transmit(prepared.serverFrame) else {
            let limit = sendQueue.limit
            sendQueue.removeAll()  // as `send(_:)`: the peer is not reading
            perform(machine.fail(code: .policyViolation, reason: "send queue over \(limit) bytes: peer is not reading"))
            return .notSent(machine.closeInfo.map { .closed($0) } ?? .closing)
        }
        return .sent
    }
}
