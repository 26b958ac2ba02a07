/// Everything a peer can do wrong at the frame or message level.
///
/// The mapping to the close code we answer with lives here and nowhere else
/// (RFC 6455 section 7.4.1): 1007 for text that is not UTF-8, 1009 for a
/// frame or message over our limit, 1002 for every other protocol violation.
public enum WebSocketProtocolError: Error, Sendable, Equatable {
    /// RSV1-3 set without a negotiated extension (section 5.2).
    case reservedBitsSet
    /// Opcodes 0x3-0x7 and 0xB-0xF (section 5.2).
    case reservedOpcode(UInt8)
    /// A server received a frame without the mask bit (section 5.1).
    case unmaskedClientFrame
    /// A client received a masked frame (section 5.1).
    case maskedServerFrame
    /// Control frame longer than 125 bytes (section 5.5).
    case controlFrameTooLong(UInt64)
    /// Control frame without FIN (section 5.5: "MUST NOT be fragmented").
    case fragmentedControlFrame
    /// 64-bit length with the most significant bit set (section 5.2).
    case lengthMostSignificantBitSet
    /// A frame whose header announces more than our limit; refused before buffering.
    case frameTooLarge(length: UInt64, limit: Int)
    /// A fragmented message growing past our limit.
    case messageTooLarge(limit: Int)
    /// A continuation frame with no message in progress (section 5.4).
    case unexpectedContinuation
    /// A new text/binary frame while a fragmented message is unfinished (section 5.4).
    case expectedContinuation
    /// Text message (or fragment) that is not valid UTF-8 (section 8.1).
    case invalidUTF8InText
    /// Close reason that is not valid UTF-8 (section 5.5.1).
    case invalidUTF8InCloseReason
    /// Close frame with a 1-byte body (section 5.5.1).
    case closePayloadTooShort
    /// Close code that may not be sent (section 7.4).
    case invalidCloseCode(UInt16)

    /// The code we close with when the peer commits this error.
    public var closeCode: WebSocketCloseCode {
        switch self {
        case .invalidUTF8InText, .invalidUTF8InCloseReason: .invalidPayload
        case .frameTooLarge, .messageTooLarge: .messageTooBig
        default: .protocolError
        }
    }

    /// A short reason for the Close frame and the logs (fits in 123 bytes).
    public var closeReason: String {
        switch self {
        case .reservedBitsSet: "reserved bits set without extension"
        case .reservedOpcode(let opcode): "reserved opcode \(opcode)"
        case .unmaskedClientFrame: "client frame not masked"
        case .maskedServerFrame: "server frame masked"
        case .controlFrameTooLong(let length): "control frame of \(length) bytes (max 125)"
        case .fragmentedControlFrame: "fragmented control frame"
        case .lengthMostSignificantBitSet: "64-bit length with top bit set"
        case .frameTooLarge(let length, let limit): "frame of \(length) bytes over limit \(limit)"
        case .messageTooLarge(let limit): "message over limit \(limit) bytes"
        case .unexpectedContinuation: "continuation frame without a message"
        case .expectedContinuation: "new message before the fragmented one ended"
        case .invalidUTF8InText: "text is not valid UTF-8"
        case .invalidUTF8InCloseReason: "close reason is not valid UTF-8"
        case .closePayloadTooShort: "close frame body of 1 byte"
        case .invalidCloseCode(let code): "close code \(code) may not be sent"
        }
    }
}
