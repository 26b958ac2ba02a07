/// A NAL unit (clause 7.3.1) before it is framed: its header fields and RBSP payload.
public struct NALUnit: Sendable, Equatable {
    /// nal_unit_type values this encoder emits (Table 7-1).
    public enum Kind: UInt8, Sendable {
        case nonIDRSlice = 1
        case idrSlice = 5
        case supplementalEnhancementInformation = 6
        case sequenceParameterSet = 7
        case pictureParameterSet = 8
    }

    public let kind: Kind
    /// nal_ref_idc: 0 for data no later picture depends on (SEI), non-zero otherwise.
    public let referenceIndicator: UInt8
    public let payload: [UInt8]

    public init(kind: Kind, referenceIndicator: UInt8, payload: [UInt8]) {
        precondition(referenceIndicator < 4, "nal_ref_idc is two bits")
        self.kind = kind
        self.referenceIndicator = referenceIndicator
        self.payload = payload
    }

    /// Header byte plus the payload with emulation prevention applied (clause 7.4.1):
    /// inside a NAL unit, 0x000000..0x000003 must never appear, so a 0x03 byte is
    /// inserted after every two zero bytes that a byte <= 3 would follow.
    public var encapsulated: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + payload.count / 64 + 2)
        out.append((referenceIndicator << 5) | kind.rawValue)
        var zeros = 0
        for byte in payload {
            if zeros >= 2 && byte <= 3 {
                out.append(3)
                zeros = 0
            }
            out.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return out
    }

    /// The unit in the byte-stream format (Annex B): a four-byte start code, then the unit.
    public var annexB: [UInt8] {
        [0, 0, 0, 1] + encapsulated
    }
}

extension Array where Element == NALUnit {
    /// Units framed one after another as an Annex B byte stream.
    public var annexB: [UInt8] {
        var out: [UInt8] = []
        for unit in self { out += unit.annexB }
        return out
    }
}
