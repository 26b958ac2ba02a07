import Testing
@testable import WebSocketCodec

/// Masking eight bytes at a time gives exactly the bytes of RFC 6455's
/// definition (byte i XOR key[(i + phase) mod 4]) for every length and phase,
/// whole words and the bytes left after them, and for payloads not on a word boundary.
@Suite struct WebSocketMaskTests {
    @Test(arguments: [0, 1, 2, 3])
    func wordAtATimeMatchesTheDefinition(phase: Int) {
        let key: WebSocketFrameEncoder.MaskingKey = (0x9A, 0x01, 0xFE, 0x37)
        let keyBytes = [key.0, key.1, key.2, key.3]
        for length in 0..<70 {
            let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 41 &+ 7) }
            let expected = original.enumerated().map { $0.element ^ keyBytes[($0.offset + phase) & 3] }
            var masked = original
            WebSocketFrameEncoder.applyMask(key, to: &masked, phase: phase)
            #expect(masked == expected, "length \(length)")
            // At an odd address inside a larger buffer, too.
            var padded = [0xEE] + original + [0xEE]
            padded.withUnsafeMutableBytes { WebSocketFrameEncoder.applyMask(key, to: UnsafeMutableRawBufferPointer(rebasing: $0[1..<(1 + length)]), phase: phase) }
            #expect(Array(padded[1..<(1 + length)]) == expected && padded.first == 0xEE && padded.last == 0xEE, "length \(length) unaligned")
        }
    }
}
