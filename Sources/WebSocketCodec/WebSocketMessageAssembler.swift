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
    /// Bytes of the frame in progress already validated by `checkPartial`.
    public private(set) var checkedPrefix = 0

    public init(maxMessageSize: Int = Self.defaultMaxMessageSize) {
        self.maxMessageSize = maxMessageSize
    }

    /// Validates the next part of a text frame that is still arriving
    /// (`bytes` follow the `checkedPrefix` bytes already seen), so invalid
    /// UTF-8 fails the connection before the rest of the frame is waited for.
    /// Other frames are left to `receive`, which also reports sequencing errors.
    public mutating func checkPartial(opcode: WebSocketOpcode, bytes: [UInt8]) throws(WebSocketProtocolError) {
        guard checksEarly(opcode) else { return }
        if opcode == .text && checkedPrefix == 0 { validator = UTF8Validator() }
        checkedPrefix += bytes.count
        guard validator.feed(bytes) else { throw .invalidUTF8InText }
    }

    /// Whether a frame of `opcode` still arriving is text worth checking now:
    /// a new text message, or a continuation of one.
    public func checksEarly(_ opcode: WebSocketOpcode) -> Bool {
        (opcode == .text && fragmentedOpcode == nil) || (opcode == .continuation && fragmentedOpcode == .text)
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
            if frame.fin { return .message(try whole(frame)) }
            fragmentedOpcode = frame.opcode
            fragments.removeAll(keepingCapacity: true)
            if checkedPrefix == 0 { validator = UTF8Validator() }
        case .continuation:
            guard fragmentedOpcode != nil else { throw .unexpectedContinuation }
        }
        guard frame.payload.count <= maxMessageSize - fragments.count else {
            throw .messageTooLarge(limit: maxMessageSize)
        }
        let unchecked = frame.payload[min(checkedPrefix, frame.payload.count)...]
        checkedPrefix = 0
        if fragmentedOpcode == .text && !validator.feed(unchecked) { throw .invalidUTF8InText }
        fragments.append(contentsOf: frame.payload)
        guard frame.fin, let opcode = fragmentedOpcode else { return nil }
        fragmentedOpcode = nil
        defer { fragments = [] }
        if opcode == .binary { return .message(.binary(fragments)) }
        guard validator.isAtCharacterBoundary else { throw .invalidUTF8InText }
        return .message(.text(String(decoding: fragments, as: UTF8.self)))
    }

    /// An unfragmented message, without joining: a binary payload is handed on
    /// as it is, a text one validated and copied into its string in one pass.
    private mutating func whole(_ frame: WebSocketFrame) throws(WebSocketProtocolError) -> WebSocketMessage {
        guard frame.payload.count <= maxMessageSize else { throw .messageTooLarge(limit: maxMessageSize) }
        let checked = checkedPrefix
        checkedPrefix = 0
        if frame.opcode == .binary { return .binary(frame.payload) }
        if checked == 0 {
            guard let text = String(validating: frame.payload, as: UTF8.self) else { throw .invalidUTF8InText }
            return .text(text)
        }
        // Its first part was checked while it arrived: the validator carries on from there.
        guard validator.feed(frame.payload[min(checked, frame.payload.count)...]), validator.isAtCharacterBoundary else {
            throw .invalidUTF8InText
        }
        return .text(String(decoding: frame.payload, as: UTF8.self))
    }
}
