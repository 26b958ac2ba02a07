/// Incremental UTF-8 validation (RFC 3629 section 4, "UTF8-octets" grammar).
///
/// Fed chunk by chunk (fragments of one text message), it fails on the first
/// byte at which the input can no longer be valid UTF-8, so a bad text
/// message is refused with 1007 without waiting for its end (RFC 6455 section 8.1).
/// Overlong forms, surrogates (U+D800-DFFF) and code points above U+10FFFF
/// are all rejected by the narrowed range of the second byte.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the current character.
    private var remaining = 0
    /// Allowed range of the next continuation byte (narrower after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var failed = false

    public init() {}

    /// False once the bytes seen so far cannot be a prefix of valid UTF-8.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Bool {
        guard !failed else { return false }
        for byte in bytes where !accept(byte) {
            failed = true
            return false
        }
        return true
    }

    /// True when no character is cut in half: required at the end of a message.
    public var isAtCharacterBoundary: Bool { !failed && remaining == 0 }

    private mutating func accept(_ byte: UInt8) -> Bool {
        if remaining > 0 {
            guard byte >= lower && byte <= upper else { return false }
            remaining -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: remaining = 1
        case 0xE0: (remaining, lower) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: remaining = 2
        case 0xED: (remaining, upper) = (2, 0x9F)
        case 0xF0: (remaining, lower) = (3, 0x90)
        case 0xF1...0xF3: remaining = 3
        case 0xF4: (remaining, upper) = (3, 0x8F)
        default: return false
        }
        return true
    }
}
