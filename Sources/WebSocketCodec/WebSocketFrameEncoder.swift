/// Serializes frames (RFC 6455 section 5.2) for either role.
///
/// A client must mask every frame with a fresh, unpredictable key (section
/// 5.3: "derived from a strong source of entropy"); a server must not mask.
/// The caller supplies the key so tests can be deterministic.
public enum WebSocketFrameEncoder {
    public typealias MaskingKey = (UInt8, UInt8, UInt8, UInt8)

    /// The frame's bytes: header (minimal length encoding, as section 5.2
    /// requires), optional masking key, then the (masked) payload.
    public static func encode(_ frame: WebSocketFrame, maskingKey: MaskingKey? = nil) -> [UInt8] {
        let length = frame.payload.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length + 14)
        bytes.append((frame.fin ? 0x80 : 0) | frame.opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        switch length {
        case 0...125:
            bytes.append(maskBit | UInt8(length))
        case 126...0xFFFF:
            bytes.append(maskBit | 126)
            bytes.append(UInt8(length >> 8))
            bytes.append(UInt8(length & 0xFF))
        default:
            bytes.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: UInt64(length) >> UInt64(shift)))
            }
        }
        guard let key = maskingKey else {
            bytes.append(contentsOf: frame.payload)
            return bytes
        }
        bytes.append(contentsOf: [key.0, key.1, key.2, key.3])
        var payload = frame.payload
        applyMask(key, to: &payload)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Encodes for `role`: masked with a key from `generator` for a client, plain for a server.
    public static func encode<G: RandomNumberGenerator>(
        _ frame: WebSocketFrame, as role: WebSocketRole, using generator: inout G
    ) -> [UInt8] {
        switch role {
        case .server:
            return encode(frame)
        case .client:
            let word = UInt32.random(in: .min ... .max, using: &generator)
            let key = (UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF))
            return encode(frame, maskingKey: key)
        }
    }

    /// XOR with the 4-byte key (section 5.3); its own inverse. `phase` is the
    /// position of `payload[0]` within the frame's payload (for a part of it).
    static func applyMask(_ key: MaskingKey, to payload: inout [UInt8], phase: Int = 0) {
        let keyBytes = [key.0, key.1, key.2, key.3]
        payload.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] ^= keyBytes[(index + phase) & 3] }
        }
    }
}
