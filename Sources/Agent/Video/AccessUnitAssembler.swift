/// Reassembles the drone's video datagrams into access units (whole pictures).
///
/// A Tello sends its H.264 byte stream cut into datagrams of at most 1460
/// bytes and ends every picture with a shorter datagram (DJI's own sample
/// decoder relies on it); our simulator sends each NAL unit in its own
/// datagrams, the same way. So a picture is complete when a short datagram
/// arrives after a slice, and, should that datagram be exactly full, when
/// the next picture's first NAL unit begins. Bytes before the first start
/// code (joining mid-stream) are skipped; a picture that grows past
/// `maxBytes` (lost datagrams, garbage) is dropped and the stream resynchronises.
struct AccessUnitAssembler: Sendable {
    let maxDatagram: Int
    let maxBytes: Int
    private var buffer: [UInt8] = []
    /// Where the start-code search resumes in `buffer`.
    private var scanned = 0
    /// A slice of the picture being gathered has begun.
    private var hasSlice = false
    /// Datagrams and bytes thrown away (before the first start code, or an oversized picture).
    private(set) var discardedBytes = 0

    init(maxDatagram: Int = 1460, maxBytes: Int = 2 * 1024 * 1024) {
        self.maxDatagram = maxDatagram
        self.maxBytes = maxBytes
    }

    /// Takes one datagram; returns the pictures it completed, oldest first.
    mutating func append(_ datagram: [UInt8], at arrival: Duration) -> [AccessUnit] {
        guard !datagram.isEmpty else { return [] }
        var done: [AccessUnit] = []
        if buffer.isEmpty {
            // Not yet in step with the stream: wait for a datagram that begins a NAL unit.
            guard Self.beginsWithStartCode(datagram) else {
                discardedBytes += datagram.count
                return []
            }
        }
        buffer += datagram
        scan(into: &done, arrival: arrival)
        if datagram.count < maxDatagram && hasSlice {
            done.append(AccessUnit(bytes: buffer, arrival: arrival))
            reset()
        } else if buffer.count > maxBytes {
            discardedBytes += buffer.count
            reset()
        }
        return done
    }

    /// Finds the start codes not yet looked at; one that begins a new picture
    /// while a slice is buffered closes the buffered picture there.
    private mutating func scan(into done: inout [AccessUnit], arrival: Duration) {
        var index = scanned
        while index + 4 < buffer.count {
            guard buffer[index] == 0, buffer[index + 1] == 0, buffer[index + 2] == 1 else {
                index += 1
                continue
            }
            let type = buffer[index + 3] & 0x1F
            let isSlice = type == 1 || type == 5
            // first_mb_in_slice is ue(v): 0 (a picture's first slice) is a single 1 bit.
            let firstSlice = isSlice && buffer[index + 4] & 0x80 != 0
            if hasSlice && (firstSlice || (6...9).contains(type)) {
                let cut = index > 0 && buffer[index - 1] == 0 ? index - 1 : index
                done.append(AccessUnit(bytes: Array(buffer[..<cut]), arrival: arrival))
                buffer.removeFirst(cut)
                index -= cut
                hasSlice = false
            }
            if isSlice { hasSlice = true }
            index += 3
        }
        scanned = index
    }

    private mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        scanned = 0
        hasSlice = false
    }

    static func beginsWithStartCode(_ bytes: [UInt8]) -> Bool {
        (bytes.count > 3 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 1)
            || (bytes.count > 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1)
    }
}
