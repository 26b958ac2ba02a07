import TelloSDK

/// An H.264 Annex-B stream cut the way a Tello sends it: whole frames, each
/// frame's NAL units (start codes included) split into datagrams of at most
/// 1460 bytes (docs/tello-sdk.md, "video").
public struct H264Packets: Sendable {
    /// Datagrams per frame, in stream order; parameter sets travel with the frame after them.
    public let frames: [[[UInt8]]]

    /// Splits an Annex-B byte stream. Returns nil when it holds no coded picture
    /// (no NAL unit of type 1 or 5), so a wrong file is refused, not streamed.
    public init?(annexB bytes: [UInt8], maxDatagram: Int = TelloPorts.maxVideoDatagram) {
        var frames: [[[UInt8]]] = []
        var pending: [[UInt8]] = []
        for unit in Self.nalUnits(bytes) {
            pending += Self.datagrams(of: unit, maxDatagram: maxDatagram)
            let header = unit[Self.startCodeLength(unit)]
            let type = header & 0x1F
            if type == 1 || type == 5 {
                frames.append(pending)
                pending.removeAll()
            }
        }
        guard !frames.isEmpty else { return nil }
        self.frames = frames
    }

    /// One NAL unit (start code included) cut into datagrams of at most `maxDatagram` bytes.
    static func datagrams(of unit: [UInt8], maxDatagram: Int = TelloPorts.maxVideoDatagram) -> [[UInt8]] {
        stride(from: 0, to: unit.count, by: maxDatagram).map { Array(unit[$0..<min($0 + maxDatagram, unit.count)]) }
    }

    /// NAL units with their start codes (`00 00 01` or `00 00 00 01`); bytes before the first start code are skipped.
    static func nalUnits(_ bytes: [UInt8]) -> [[UInt8]] {
        var starts: [Int] = []
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                starts.append(index > 0 && bytes[index - 1] == 0 ? index - 1 : index)
                index += 3
            } else {
                index += 1
            }
        }
        return starts.enumerated().compactMap { offset, start in
            let end = offset + 1 < starts.count ? starts[offset + 1] : bytes.count
            let unit = Array(bytes[start..<end])
            return unit.count > startCodeLength(unit) ? unit : nil
        }
    }

    static func startCodeLength(_ unit: [UInt8]) -> Int {
        unit[2] == 1 ? 3 : 4
    }
}
