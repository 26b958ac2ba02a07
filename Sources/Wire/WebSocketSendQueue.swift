/// Encoded frames waiting for the socket, with a byte bound.
///
/// A peer that stops reading must not make us buffer without limit (the
/// agent broadcasts drone status several times a second to every client).
/// When an enqueue would pass `limit`, it is refused and the owner fails the
/// connection with 1008 instead; control frames (`force`) always fit, so the
/// Close frame can still be attempted.
struct WebSocketSendQueue: Sendable {
    let limit: Int
    private var chunks: [[UInt8]] = []
    private var head = 0
    private(set) var queuedBytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { head == chunks.count }

    /// False (and nothing queued) if `bytes` would take the queue past its bound.
    mutating func enqueue(_ bytes: [UInt8], force: Bool = false) -> Bool {
        guard force || queuedBytes + bytes.count <= limit else { return false }
        chunks.append(bytes)
        queuedBytes += bytes.count
        return true
    }

    /// Removes and returns whole frames, joined, up to about `maxBytes`
    /// (at least one frame), so one write call carries many small messages.
    mutating func takeBatch(maxBytes: Int = 256 * 1024) -> [UInt8]? {
        guard !isEmpty else { return nil }
        var batch = chunks[head]
        chunks[head] = []
        head += 1
        while head < chunks.count && batch.count + chunks[head].count <= maxBytes {
            batch.append(contentsOf: chunks[head])
            chunks[head] = []
            head += 1
        }
        queuedBytes -= batch.count
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        }
        return batch
    }

    /// Puts back, in front of everything, what was taken and not written:
    /// it already passed the bound when it was queued.
    mutating func putBack(_ bytes: [UInt8]) {
        if head > 0 {
            head -= 1
            chunks[head] = bytes
        } else {
            chunks.insert(bytes, at: 0)
        }
        queuedBytes += bytes.count
    }

    /// Drops everything not yet taken (the connection is being failed).
    mutating func removeAll() {
        chunks.removeAll()
        head = 0
        queuedBytes = 0
    }
}
