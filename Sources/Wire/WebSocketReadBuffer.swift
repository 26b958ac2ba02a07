import Sockets

/// The memory a connection reads into and its frames are parsed in, in place.
///
/// It holds memory only while bytes come in: reading, or keeping the start of
/// a frame whose rest has not arrived. Before it waits for the stream to have
/// bytes it hands its block back to a pool the whole process shares, so an
/// idle connection holds none, and a busy one takes a block that is already
/// there (no allocation per read or per message). A block is large
/// (`blockSize`), so a message of up to that size takes few reads; a frame
/// larger than a block gets memory of its own, grown with what has arrived
/// (never more than twice the bytes received, so a header alone cannot make
/// us reserve a frame's whole declared size), and freed when it is done.
///
/// `@unchecked Sendable`: only its connection's actor touches it.
final class WebSocketReadBuffer: @unchecked Sendable {
    static let blockSize = 256 * 1024

    private var memory: UnsafeMutableRawBufferPointer?
    /// The bytes read and not yet consumed are `memory[start..<end]`.
    private var start = 0
    private var end = 0
    /// Header and payload of the incomplete frame at `start`, once known.
    private var pendingFrameSize = 0

    init() {}

    deinit { release() }

    /// The bytes read and not yet consumed.
    var unconsumed: UnsafeRawBufferPointer {
        guard let memory else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: memory[start..<end])
    }

    /// Bytes of memory held now: 0 while idle.
    var capacity: Int { memory?.count ?? 0 }

    /// Bytes that arrived another way (with the handshake head), parsed like read ones.
    func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { source in
            var offset = 0
            while offset < source.count {
                let space = room()
                let count = min(space.count, source.count - offset)
                space.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
                end += count
                offset += count
            }
        }
    }

    /// Reads what `stream` has, into the free room after the kept bytes;
    /// returns how many (0: the stream ended). With nothing kept, memory is
    /// given back before waiting for the stream and taken again when it has bytes.
    nonisolated(nonsending) func read(from stream: any ByteStream) async throws -> Int {
        if start == end {
            while true {
                if let count = try stream.readAvailable(into: room()) {
                    end += count
                    return count
                }
                release()
                try await stream.waitUntilReadable()
            }
        }
        let count = try await stream.read(into: room())
        end += count
        return count
    }

    /// Whole frames used up `count` bytes at the front; `pendingFrameSize` is
    /// the size of the incomplete frame the rest begins, when its header is in.
    func consume(_ count: Int, pendingFrameSize: Int?) {
        start += count
        self.pendingFrameSize = pendingFrameSize ?? 0
        if start == end {
            start = 0
            end = 0
        }
    }

    /// Free memory after the kept bytes: at least enough for the rest of the
    /// pending frame when a block (or twice what is kept) allows, else what is left.
    private func room() -> UnsafeMutableRawBufferPointer {
        let kept = end - start
        let wanted = max(pendingFrameSize, kept + 1)
        if memory == nil {
            memory = ReadMemoryPool.shared.take()
        }
        var current = memory!
        if wanted > current.count {
            // A frame larger than the memory held: grow, but only with what has arrived.
            let size = min(wanted, max(Self.blockSize, 2 * kept))
            if size > current.count {
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: current[start..<end]))
                give(current)
                current = grown
                memory = grown
                start = 0
                end = kept
            }
        }
        if start > 0 && (current.count - end < wanted - kept || end == current.count) {
            // Move the kept bytes to the front so the rest of the frame fits after them.
            if kept > 0 { current.baseAddress!.copyMemory(from: current.baseAddress! + start, byteCount: kept) }
            start = 0
            end = kept
        }
        return UnsafeMutableRawBufferPointer(rebasing: current[end...])
    }

    /// Gives the memory back (nothing may be kept in it).
    private func release() {
        guard let memory else { return }
        self.memory = nil
        give(memory)
    }

    private func give(_ block: UnsafeMutableRawBufferPointer) {
        if block.count == Self.blockSize { ReadMemoryPool.shared.give(block) } else { block.deallocate() }
    }
}

/// Blocks of `WebSocketReadBuffer.blockSize` bytes shared by every
/// connection of the process: a connection takes one to read into and gives
/// it back when it goes idle. At most `keep` free blocks are kept; more are freed.
///
/// `@unchecked Sendable`: `free` is only touched under `lock`.
final class ReadMemoryPool: @unchecked Sendable {
    static let shared = ReadMemoryPool()
    static let keep = 8

    private let lock = Lock()
    private var free: [UnsafeMutableRawBufferPointer] = []

    func take() -> UnsafeMutableRawBufferPointer {
        lock.withLock { free.popLast() } ?? .allocate(byteCount: WebSocketReadBuffer.blockSize, alignment: 16)
    }

    func give(_ block: UnsafeMutableRawBufferPointer) {
        let kept = lock.withLock {
            guard free.count < Self.keep else { return false }
            free.append(block)
            return true
        }
        if !kept { block.deallocate() }
    }
}
