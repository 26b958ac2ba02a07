import Sockets

/// The memory a connection reads into and its frames are parsed in, in place.
///
/// It holds memory only while bytes come in. Reads go into a large block
/// (`blockSize`, so a message of up to that size takes few reads) from a pool
/// the whole process shares, so nothing is allocated per read or per message.
/// Before the connection waits for its stream, the block goes back: all of it
/// when nothing is kept, so an idle connection holds none; when the start of a
/// frame is kept, the block stays only if those bytes fill a good part of it
/// (a large frame arriving), else the few bytes move to memory of their own
/// size, so a peer that sends a byte and stalls costs a byte, not a block. A
/// frame larger than a block gets memory of its own, grown with what has
/// arrived (never past twice the bytes kept, so a header alone cannot make us
/// reserve a frame's whole declared size), freed when it is done.
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
    /// The stream had nothing more at the last look (a read took less than it
    /// had room for, or found nothing): the next read waits for more first
    /// rather than asking at once and being told there is none (on TCP, a
    /// system call per message).
    private var drained = false

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
        pendingFrameSize = max(pendingFrameSize, end - start + bytes.count)
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
    /// returns how many (0: the stream ended), or nil when a wait for bytes
    /// ended with none (`wakeReader`: the reader has other work). While the
    /// stream has nothing, waits holding no block (see `park`).
    nonisolated(nonsending) func read(from stream: any ByteStream) async throws -> Int? {
        do {
            var waited = false
            while true {
                if drained {
                    drained = false
                    park()
                    try await stream.waitUntilReadable()
                    waited = true
                }
                let space = room()
                guard let count = try stream.readAvailable(into: space) else {
                    drained = true
                    if waited { return nil }
                    continue
                }
                end += count
                if count == 0 { park() }  // the stream ended: nothing more will come
                drained = count > 0 && count < space.count
                return count
            }
        } catch {
            park()
            throw error
        }
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

    /// Free memory after the kept bytes, in a block at least, and room for
    /// the rest of the pending frame when twice what is kept allows.
    private func room() -> UnsafeMutableRawBufferPointer {
        let kept = end - start
        let wanted = max(pendingFrameSize, kept + 1)
        let size = max(Self.blockSize, min(wanted, 2 * kept))
        if memory == nil || memory!.count < size { move(to: size) }
        let current = memory!
        if start > 0 && (current.count - end < wanted - kept || end == current.count) {
            // Move the kept bytes to the front so the rest of the frame fits after them.
            if kept > 0 { current.baseAddress!.copyMemory(from: current.baseAddress! + start, byteCount: kept) }
            start = 0
            end = kept
        }
        return UnsafeMutableRawBufferPointer(rebasing: current[end...])
    }

    /// Before a wait: nothing kept, the memory goes back; a few bytes kept
    /// move to memory of their own size; a block at least a quarter full stays.
    private func park() {
        guard let current = memory else { return }
        let kept = end - start
        if kept == 0 {
            memory = nil
            start = 0
            end = 0
            give(current)
        } else if current.count > 4 * kept {
            move(to: kept)
        }
    }

    /// The kept bytes into new memory of `size` bytes (a pooled block when that is the size).
    private func move(to size: Int) {
        let kept = end - start
        let target = size == Self.blockSize ? ReadMemoryPool.shared.take() : .allocate(byteCount: size, alignment: 16)
        if let memory {
            if kept > 0 { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: memory[start..<end])) }
            give(memory)
        }
        memory = target
        start = 0
        end = kept
    }

    /// Gives all memory back (the connection is gone).
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
