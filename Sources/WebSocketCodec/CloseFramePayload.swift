/// The body of a Close frame (RFC 6455 section 5.5.1): empty, or a 2-byte
/// big-endian status code followed by a UTF-8 reason.
public struct CloseFramePayload: Sendable, Equatable {
    /// nil when the frame had no body: the peer "closed with no status" (reported as 1005).
    public var code: WebSocketCloseCode?
    public var reason: String

    public init(code: WebSocketCloseCode?, reason: String = "") {
        self.code = code
        self.reason = reason
    }

    /// A control frame carries at most 125 bytes, two of which are the code.
    public static let maxReasonBytes = WebSocketFrame.maxControlPayload - 2

    /// Parses a received Close body; a 1-byte body, a code that may not be
    /// sent, or a reason that is not UTF-8 are protocol errors (section 7.1.6, 8.1).
    public static func decode(_ bytes: [UInt8]) throws(WebSocketProtocolError) -> CloseFramePayload {
        if bytes.isEmpty { return CloseFramePayload(code: nil) }
        guard bytes.count >= 2 else { throw .closePayloadTooShort }
        let code = WebSocketCloseCode(UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
        guard code.isAllowedOnWire else { throw .invalidCloseCode(code.rawValue) }
        var validator = UTF8Validator()
        let reasonBytes = bytes[2...]
        guard validator.feed(reasonBytes), validator.isAtCharacterBoundary else { throw .invalidUTF8InCloseReason }
        return CloseFramePayload(code: code, reason: String(decoding: reasonBytes, as: UTF8.self))
    }

    /// Encodes a body to send. Returns nil for a code that may not appear on
    /// the wire (callers report that to whoever asked). A reason longer than
    /// 123 bytes is cut at a character boundary rather than refused: the
    /// close must still happen.
    public func encoded() -> [UInt8]? {
        guard let code else { return [] }
        guard code.isAllowedOnWire else { return nil }
        var bytes: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        var budget = Self.maxReasonBytes
        for scalar in reason.unicodeScalars {
            let utf8 = Array(String(scalar).utf8)
            guard utf8.count <= budget else { break }
            bytes.append(contentsOf: utf8)
            budget -= utf8.count
        }
        return bytes
    }
}
