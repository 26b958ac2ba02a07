/// Which end of a WebSocket connection we are; it decides masking
/// (RFC 6455 section 5.1: a client masks every frame it sends, a server never
/// does, and each side closes the connection on a frame masked the wrong way).
public enum WebSocketRole: Sendable, Equatable {
    case server
    case client
}

/// Frame opcodes of RFC 6455 section 5.2; 0x3-0x7 and 0xB-0xF are reserved
/// and decode as a protocol error rather than as a value of this type.
public enum WebSocketOpcode: UInt8, Sendable, Equatable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Control frames (close, ping, pong) have the high opcode bit set (section 5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}

/// One frame with its payload already unmasked. RSV bits are not modelled:
/// we negotiate no extension, so any set RSV bit is a protocol error (section 5.2).
public struct WebSocketFrame: Sendable, Equatable {
    public var fin: Bool
    public var opcode: WebSocketOpcode
    public var payload: [UInt8]

    public init(fin: Bool = true, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    /// RFC 6455 section 5.5: "All control frames MUST have a payload length of 125 bytes or less".
    public static let maxControlPayload = 125
}
