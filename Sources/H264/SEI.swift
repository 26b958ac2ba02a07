/// The per-frame SEI message (clause 7.3.2.3, payload type 5, user_data_unregistered):
/// a fixed UUID naming this format, then the capture time and the frame's index,
/// so a viewer can measure latency from capture to display.
public enum CaptureTimeSEI {
    /// Identifies our payload among other user data; random, fixed forever.
    public static let uuid: [UInt8] = [
        0x6B, 0x1D, 0x5A, 0x0E, 0x94, 0x3C, 0x4F, 0x27, 0xB1, 0x8E, 0x52, 0xC4, 0x07, 0xD9, 0x3A, 0x61,
    ]

    /// Payload after the UUID: capture time in nanoseconds (signed 64-bit, big-endian)
    /// then the frame index since the encoder started (unsigned 32-bit, big-endian).
    public static func payload(captureTime: Duration, frameIndex: UInt32) -> [UInt8] {
        let (seconds, attoseconds) = captureTime.components
        let nanoseconds = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
        var bytes = uuid
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: nanoseconds >> Int64(shift)))
        }
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: frameIndex >> UInt32(shift)))
        }
        return bytes
    }

    /// The SEI NAL unit: payloadType and payloadSize as 0xFF-extended bytes, the payload,
    /// then rbsp_trailing_bits.
    public static func unit(captureTime: Duration, frameIndex: UInt32) -> NALUnit {
        let body = payload(captureTime: captureTime, frameIndex: frameIndex)
        var rbsp: [UInt8] = [5]
        var size = body.count
        while size >= 255 { rbsp.append(0xFF); size -= 255 }
        rbsp.append(UInt8(size))
        rbsp += body
        rbsp.append(0x80)
        return NALUnit(kind: .supplementalEnhancementInformation, referenceIndicator: 0, payload: rbsp)
    }

    /// Reads the capture time and frame index back from an SEI RBSP (emulation prevention
    /// already removed); nil when it is not our message.
    public static func parse(rbsp: [UInt8]) -> (captureTime: Duration, frameIndex: UInt32)? {
        guard rbsp.count >= 2 + 28, rbsp[0] == 5, rbsp[1] == 28,
              Array(rbsp[2..<18]) == uuid else { return nil }
        var nanoseconds: Int64 = 0
        for byte in rbsp[18..<26] { nanoseconds = nanoseconds << 8 | Int64(byte) }
        var index: UInt32 = 0
        for byte in rbsp[26..<30] { index = index << 8 | UInt32(byte) }
        return (.nanoseconds(nanoseconds), index)
    }
}
