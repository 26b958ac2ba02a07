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
        encode(opcode: frame.opcode, fin: frame.fin, payload: frame.payload, maskingKey: maskingKey)
    }

    /// The frame's bytes, with the payload copied once, straight from where it
    /// lies (a string's UTF-8, an array), and masked in place when a key is given.
    public static func encode<Payload: Collection<UInt8>>(
        opcode: WebSocketOpcode, fin: Bool = true, payload: Payload, maskingKey: MaskingKey? = nil
    ) -> [UInt8] {
        let length = payload.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length + 14)
        bytes.append((fin ? 0x80 : 0) | opcode.rawValue)
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
            bytes.append(contentsOf: payload)
            return bytes
        }
        bytes.append(key.0)
        bytes.append(key.1)
        bytes.append(key.2)
        bytes.append(key.3)
        let start = bytes.count
        bytes.append(contentsOf: payload)
        bytes.withUnsafeMutableBytes { applyMask(key, to: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        return bytes
    }

    /// Encodes for `role`: masked with a key from `generator` for a client, plain for a server.
    public static func encode<G: RandomNumberGenerator>(
        _ frame: WebSocketFrame, as role: WebSocketRole, using generator: inout G
    ) -> [UInt8] {
        encode(opcode: frame.opcode, fin: frame.fin, payload: frame.payload, as: role, using: &generator)
    }

    /// `encode(opcode:fin:payload:maskingKey:)` for `role`: a client's frame masked with a fresh key.
    public static func encode<Payload: Collection<UInt8>, G: RandomNumberGenerator>(
        opcode: WebSocketOpcode, fin: Bool = true, payload: Payload, as role: WebSocketRole, using generator: inout G
    ) -> [UInt8] {
        switch role {
        case .server:
            return encode(opcode: opcode, fin: fin, payload: payload)
        case .client:
            let word = UInt32.random(in: .min ... .max, using: &generator)
            let key = (UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF))
            return encode(opcode: opcode, fin: fin, payload: payload, maskingKey: key)
        }
    }

    /// XOR with the 4-byte key (section 5.3); its own inverse. `phase` is the
    /// position of `payload[0]` within the frame's payload (for a part of it).
    static func applyMask(_ key: MaskingKey, to payload: inout [UInt8], phase: Int = 0) {
        payload.withUnsafeMutableBytes { applyMask(key, to: $0, phase: phase) }
    }

    /// The same on raw memory, in place.
    static func applyMask(_ key: MaskingKey, to buffer: UnsafeMutableRawBufferPointer, phase: Int = 0) {
        copyMasked(key, from: UnsafeRawBufferPointer(buffer), to: buffer, phase: phase)
    }

    /// Copies `source` into `destination` (at least as long; the two may be the
    /// same memory) XORed with the key turned by `phase`: one pass, 32 bytes a
    /// step as four 64-bit words (which the compiler turns into vector code),
    /// then words, then the last few bytes one by one.
    static func copyMasked(_ key: MaskingKey, from source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawBufferPointer, phase: Int = 0) {
        guard let from = source.baseAddress, let to = destination.baseAddress, !source.isEmpty else { return }
        let keyBytes = (key.0, key.1, key.2, key.3)
        func keyByte(_ index: Int) -> UInt8 {
            switch index & 3 {
            case 0: keyBytes.0
            case 1: keyBytes.1
            case 2: keyBytes.2
            default: keyBytes.3
            }
        }
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { bytes in
            for index in 0..<8 { bytes[index] = keyByte(phase + index) }
        }
        let count = source.count
        var offset = 0
        while offset + 32 <= count {
            let a = from.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let b = from.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            let c = from.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
            let d = from.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            to.storeBytes(of: a ^ word, toByteOffset: offset, as: UInt64.self)
            to.storeBytes(of: b ^ word, toByteOffset: offset + 8, as: UInt64.self)
            to.storeBytes(of: c ^ word, toByteOffset: offset + 16, as: UInt64.self)
            to.storeBytes(of: d ^ word, toByteOffset: offset + 24, as: UInt64.self)
            offset += 32
        }
        while offset + 8 <= count {
            let value = from.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            to.storeBytes(of: value ^ word, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            to.storeBytes(of: from.load(fromByteOffset: offset, as: UInt8.self) ^ keyByte(phase + offset), toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
    }
}
