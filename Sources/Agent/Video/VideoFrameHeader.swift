/// The header in front of every relayed picture in a binary WebSocket message
/// (docs/console.md, "Video framing"). Big-endian; `length` lets later
/// versions append fields that older readers skip.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | version, 1 |
/// | 1 | 1 | flags: 1 key frame, 2 `time` is the capture time (else the arrival time), 4 catch-up (sent on joining, not live) |
/// | 2 | 2 | header length in bytes (24) |
/// | 4 | 4 | picture sequence number (every picture the agent assembled counts, so a gap is a dropped picture) |
/// | 8 | 8 | `time`: microseconds since the Unix epoch |
/// | 16 | 8 | arrival at the agent: microseconds since the Unix epoch |
package struct VideoFrameHeader: Sendable, Equatable {
    package static let version: UInt8 = 1
    package static let length = 24

    package struct Flags: OptionSet, Sendable, Equatable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        package static let keyframe = Flags(rawValue: 1)
        package static let captureTime = Flags(rawValue: 2)
        package static let catchUp = Flags(rawValue: 4)
    }

    package var flags: Flags
    package var sequence: UInt32
    package var timeMicros: Int64
    package var arrivalMicros: Int64

    package init(flags: Flags, sequence: UInt32, timeMicros: Int64, arrivalMicros: Int64) {
        self.flags = flags
        self.sequence = sequence
        self.timeMicros = timeMicros
        self.arrivalMicros = arrivalMicros
    }

    package var bytes: [UInt8] {
        var out: [UInt8] = [Self.version, flags.rawValue, 0, UInt8(Self.length)]
        out.reserveCapacity(Self.length)
        Self.append(UInt64(sequence), bytes: 4, to: &out)
        Self.append(UInt64(bitPattern: timeMicros), bytes: 8, to: &out)
        Self.append(UInt64(bitPattern: arrivalMicros), bytes: 8, to: &out)
        return out
    }

    /// Reads a header and says where the access unit starts; nil when `message` is too short or not version 1.
    package static func parse(_ message: [UInt8]) -> (header: VideoFrameHeader, payloadOffset: Int)? {
        guard message.count >= length, message[0] == version else { return nil }
        let declared = Int(message[2]) << 8 | Int(message[3])
        guard declared >= length, declared <= message.count else { return nil }
        func read(_ offset: Int, _ count: Int) -> UInt64 {
            message[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        let header = VideoFrameHeader(flags: Flags(rawValue: message[1]), sequence: UInt32(read(4, 4)),
                                      timeMicros: Int64(bitPattern: read(8, 8)), arrivalMicros: Int64(bitPattern: read(16, 8)))
        return (header, declared)
    }

    private static func append(_ value: UInt64, bytes count: Int, to out: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
