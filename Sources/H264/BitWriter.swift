/// An MSB-first bit sink for RBSP syntax (H.264 clause 7.2): fixed-width fields,
/// Exp-Golomb codes and the trailing bits that close a NAL unit's payload.
public struct BitWriter: Sendable {
    /// Whole bytes written so far; the partial byte lives in `pending`.
    public private(set) var bytes: [UInt8] = []
    private var pending: UInt64 = 0
    private var pendingCount = 0

    public init() {}

    /// Bits written so far, including the partial byte.
    public var bitCount: Int { bytes.count * 8 + pendingCount }

    /// True when the next bit starts a byte (`byte_aligned()` in the standard).
    public var isByteAligned: Bool { pendingCount == 0 }

    /// Writes the low `count` bits of `value`, most significant first (u(n)).
    public mutating func write(_ value: UInt32, bits count: Int) {
        precondition(count >= 0 && count <= 32, "u(n) takes 0...32 bits")
        guard count > 0 else { return }
        let mask: UInt64 = (1 << UInt64(count)) - 1
        pending = (pending << UInt64(count)) | (UInt64(value) & mask)
        pendingCount += count
        while pendingCount >= 8 {
            pendingCount -= 8
            bytes.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingCount)))
        }
        pending &= (1 << UInt64(pendingCount)) - 1
    }

    public mutating func write(flag: Bool) {
        write(flag ? 1 : 0, bits: 1)
    }

    /// ue(v), clause 9.1: codeNum + 1 in binary, preceded by one zero per bit after its first.
    public mutating func writeUnsignedExpGolomb(_ codeNum: UInt32) {
        precondition(codeNum < UInt32.max, "ue(v) codes 0...2^32-2")
        let value = codeNum + 1
        let length = 32 - value.leadingZeroBitCount
        write(0, bits: length - 1)
        write(value, bits: length)
    }

    /// se(v), clause 9.1.1: k > 0 maps to 2k - 1, k <= 0 to -2k.
    public mutating func writeSignedExpGolomb(_ value: Int32) {
        let magnitude = UInt32(value.magnitude)
        writeUnsignedExpGolomb(value > 0 ? 2 * magnitude - 1 : 2 * magnitude)
    }

    /// rbsp_trailing_bits(): a stop bit, then zeros up to the byte boundary.
    public mutating func writeTrailingBits() {
        write(1, bits: 1)
        if pendingCount > 0 { write(0, bits: 8 - pendingCount) }
    }

    /// The finished payload; the writer must be byte-aligned (after `writeTrailingBits`).
    public var alignedBytes: [UInt8] {
        precondition(pendingCount == 0, "RBSP must end byte-aligned")
        return bytes
    }
}
