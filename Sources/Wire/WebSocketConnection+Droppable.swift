import WebSocketCodec

/// A binary message framed once for many server connections and sent only
/// where it can go out soon: for live media, where a late picture is worth
/// less than none and a slow reader must lose pictures, not its connection
/// (`send` fails a connection whose queue overflows, which is right for
/// replies, which must not be lost).
public struct WebSocketDroppableMessage: Sendable {
    public let payload: [UInt8]
    let serverFrame: [UInt8]

    public init(binary payload: [UInt8]) {
        self.payload = payload
        serverFrame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: payload))
    }
}

public enum WebSocketOfferOutcome: Sendable, Equatable {
    /// Queued for writing.
    case sent
    /// Not queued: the connection already had `queuedBytes` waiting.
    case skipped(queuedBytes: Int)
    case notSent(WebSocketNotSentReason)
}

extension WebSocketConnection {
    /// Bytes waiting for the socket.
    public var queuedBytes: Int { sendQueue.queuedBytes }

    /// Queues `message` if the send queue would then hold at most `budget`
    /// bytes; otherwise skips it and the connection stays as it was.
    public func offer(_ message: WebSocketDroppableMessage, queueBudget budget: Int) -> WebSocketOfferOutcome {
        switch machine.state {
        case .open: break
        case .closing: return .notSent(.closing)
        case .closed(let info): return .notSent(.closed(info))
        }
        let queued = sendQueue.queuedBytes
        guard queued + message.serverFrame.count <= min(budget, sendQueue.limit) else {
            return .skipped(queuedBytes: queued)
        }
        let frame = role == .server ? message.serverFrame : encode(WebSocketFrame(opcode: .binary, payload: message.payload))
        guard transmit(frame) else { return .skipped(queuedBytes: queued) }
        return .sent
    }
}
