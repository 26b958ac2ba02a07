/// Joins frames into messages (RFC 6455 section 5.4) with control frames
/// allowed between fragments, validates text incrementally, and bounds size.
///
/// Text is checked fragment by fragment, so an invalid sequence fails the
/// connection with 1007 on the frame that makes it certain instead of after
/// the whole message has been buffered (section 8.1). A message growing past
/// `maxMessageSize` fails with 1009 before the offending fragment is kept.
public struct WebSocketMessageAssembler: Sendable {
    /// 10 MiB, the original agent's limit (Python websockets' `max_size` default is 1 MiB;
    /// the agent raised it so large plans and analyses fit in one message).
    public static let defaultMaxMessageSize = 10 * 1024 * 1024

    public let maxMessageSize: Int

    private var fragmentedOpcode: WebSocketOpcode?
    private var fragments: [UInt8] = []
    private var validator = UTF8Validator()

    public init(maxMessageSize: Int = Self.defaultMaxMessageSize) {
        self.maxMessageSize = maxMessageSize
    }

    /// Feeds one decoded frame; returns a complete unit, or nil while a
    /// fragmented message is still open.
    public mutating func receive(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketInbound? {
        switch frame.opcode {
        case .ping: return .ping(frame.payload)
        case .pong: return .pong(frame.payload)
        case .close: return .close(try CloseFramePayload.decode(frame.payload))
        case .text, .binary:
            guard fragmentedOpcode == nil else { throw .expectedContinuation }
            fragmentedOpcode = frame.opcode
            fragments.removeAll(keepingCapacity: true)
            validator = UTF8Validator()
        case .continuation:
            guard fragmentedOpcode != nil else { throw .unexpectedContinuation }
        }
        guard frame.payload.count <= maxMessageSize - fragments.count else {
            throw .messageTooLarge(limit: maxMessageSize)
        }
        if fragmentedOpcode == .text && !validator.feed(frame.payload) { throw .invalidUTF8InText }
        fragments.append(contentsOf: frame.payload)
        guard frame.fin, let opcode = fragmentedOpcode else { return nil }
        fragmentedOpcode = nil
        defer { fragments = [] }
        if opcode == .binary { return .message(.binary(fragments)) }
        guard validator.isAtCharacterBoundary else { throw .invalidUTF8InText }
        return .message(.text(String(decoding: fragments, as: UTF8.self)))
    }
}
