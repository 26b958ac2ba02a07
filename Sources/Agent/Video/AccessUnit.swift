import H264

/// One coded picture as the drone sent it, in the byte-stream format (Annex B):
/// the parameter sets and SEI that came before its slice, then the slice.
package struct AccessUnit: Sendable, Equatable {
    package let bytes: [UInt8]
    /// Holds an IDR slice: a decoder can start here.
    package let isKeyframe: Bool
    /// When its last datagram arrived, on the relay's clock.
    package let arrival: Duration
    /// The capture time its SEI carries (our simulator's format, docs/h264.md), if any.
    package let captureTime: Duration?

    package init(bytes: [UInt8], arrival: Duration) {
        self.bytes = bytes
        self.arrival = arrival
        var keyframe = false
        var capture: Duration?
        for unit in AnnexBScan.units(in: bytes) {
            switch unit.type {
            case 5: keyframe = true
            case 6 where capture == nil:
                capture = CaptureTimeSEI.parse(rbsp: AnnexBScan.rbsp(bytes[(unit.header + 1)..<unit.end]))?.captureTime
            default: break
            }
        }
        isKeyframe = keyframe
        captureTime = capture
    }

    /// The NAL units of `types`, each with its start code (for keeping SPS and PPS).
    func units(ofType type: UInt8) -> [[UInt8]] {
        AnnexBScan.units(in: bytes).filter { $0.type == type }.map { Array(bytes[$0.start..<$0.end]) }
    }
}

/// Finding NAL units in Annex B bytes without copying them.
enum AnnexBScan {
    /// A unit's start code position, header byte position, end (exclusive) and nal_unit_type.
    struct Unit: Equatable {
        let start: Int
        let header: Int
        let end: Int
        var type: UInt8
    }

    static func units(in bytes: [UInt8]) -> [Unit] {
        var units: [Unit] = []
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                let start = index > 0 && bytes[index - 1] == 0 ? index - 1 : index
                if let last = units.popLast() { units.append(Unit(start: last.start, header: last.header, end: start, type: last.type)) }
                units.append(Unit(start: start, header: index + 3, end: bytes.count, type: bytes[index + 3] & 0x1F))
                index += 3
            } else {
                index += 1
            }
        }
        return units
    }

    /// The payload with emulation prevention removed (clause 7.4.1): a 0x03 after two zero bytes is dropped.
    static func rbsp(_ payload: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count)
        var zeros = 0
        for byte in payload {
            if zeros >= 2 && byte == 3 { zeros = 0; continue }
            out.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return out
    }
}
