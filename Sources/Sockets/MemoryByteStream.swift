import Glibc
import Synchronization

/// One end of a byte stream whose other end is in the same process: no
/// socket, no reactor, no clock. For running a WebSocket or HTTP connection in
/// a test with nothing between its two ends, and as the model a simulated
/// network builds on.
///
/// Each direction holds at most `capacity` unread bytes; a writer past that is
/// told 0 and waits, as with a full socket buffer. Errors read as TCP's do:
/// the peer's `close` or `shutdownWrite` is the end of the stream (read 0), its
/// `reset` makes our calls throw `isConnectionReset`, writing to a peer that
/// is gone throws `isConnectionReset`, and our own `close` makes our calls
/// throw `isClosed`.
public final class MemoryByteStream: ByteStream {
    public let localAddress: SocketAddress
    public let remoteAddress: SocketAddress
    private let pair: MemoryStreamPair
    /// 0 or 1: which end of `pair` this is.
    private let end: Int

    private init(pair: MemoryStreamPair, end: Int, local: SocketAddress, remote: SocketAddress) {
        self.pair = pair
        self.end = end
        localAddress = local
        remoteAddress = remote
    }

    /// Two joined ends: what `client` writes, `server` reads, and the other way round.
    public static func pair(
        client: SocketAddress = SocketAddress(host: "127.0.0.1", port: 40_000)!,
        server: SocketAddress = SocketAddress(host: "127.0.0.1", port: 80)!,
        capacity: Int = 256 * 1024
    ) -> (client: MemoryByteStream, server: MemoryByteStream) {
        let shared = MemoryStreamPair(capacity: capacity)
        return (MemoryByteStream(pair: shared, end: 0, local: client, remote: server),
                MemoryByteStream(pair: shared, end: 1, local: server, remote: client))
    }

    public nonisolated(nonsending) func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        while true {
            if let count = try pair.read(end, into: buffer) { return count }
            try await pair.wait(end, .read)
        }
    }

    public func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        try pair.read(end, into: buffer)
    }

    public nonisolated(nonsending) func waitUntilReadable() async throws {
        try await pair.wait(end, .read)
    }

    public func wakeReader() { pair.wakeReader(end) }

    public func write(someOf bytes: UnsafeRawBufferPointer) throws -> Int {
        try pair.write(end, bytes)
    }

    public nonisolated(nonsending) func waitUntilWritable() async throws {
        while try !pair.hasRoom(end) { try await pair.wait(end, .write) }
    }

    public func shutdownWrite() throws { try pair.finish(end) }

    public func close() { pair.close(end, reset: false) }

    public func reset() { pair.close(end, reset: true) }
}

/// The state both ends share, under one lock. End `e` reads `inbound[e]`,
/// which the other end writes.
///
/// Waiters are resumed outside the lock and only mean "look again", as the
/// reactor's readiness does, so a wake-up that finds nothing simply waits again.
final class MemoryStreamPair: Sendable {
    enum Direction { case read, write }

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    struct State {
        var inbound: [[UInt8]] = [[], []]
        var head = [0, 0]
        /// The writer of `inbound[e]` has finished (FIN): after the bytes, end of stream.
        var finished = [false, false]
        var closed = [false, false]
        var wasReset = [false, false]
        var readers: [Waiter?] = [nil, nil]
        /// `wakeReader` found no reader waiting at end `e`: its next wait returns at once.
        var readerWoken = [false, false]
        var writers: [Waiter?] = [nil, nil]
        var nextID: UInt64 = 0

        func unread(_ end: Int) -> Int { inbound[end].count - head[end] }

        /// Takes the waiters of `end` in `direction` (to resume outside the lock).
        mutating func take(_ end: Int, _ direction: Direction) -> Waiter? {
            switch direction {
            case .read: defer { readers[end] = nil }; return readers[end]
            case .write: defer { writers[end] = nil }; return writers[end]
            }
        }
    }

    let capacity: Int
    let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Bytes copied, 0 at end of stream, or nil: nothing yet, wait.
    func read(_ end: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        let (count, woken): (Int?, Waiter?) = try state.withLock { state in
            if state.closed[end] { throw SocketError.closed("recv") }
            if state.wasReset[1 - end] { throw SocketError(operation: "recv", code: ECONNRESET) }
            let unread = state.unread(end)
            guard unread > 0, !buffer.isEmpty else { return (state.finished[end] || buffer.isEmpty ? 0 : nil, nil) }
            let count = min(unread, buffer.count)
            let start = state.head[end]
            state.inbound[end].withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
            }
            state.head[end] += count
            if state.head[end] == state.inbound[end].count {
                state.inbound[end].removeAll(keepingCapacity: true)
                state.head[end] = 0
            } else if state.head[end] > 4096 && state.head[end] * 2 > state.inbound[end].count {
                state.inbound[end].removeFirst(state.head[end])
                state.head[end] = 0
            }
            return (count, state.take(1 - end, .write))
        }
        woken?.continuation.resume()
        return count
    }

    func write(_ end: Int, _ bytes: UnsafeRawBufferPointer) throws -> Int {
        let (count, woken): (Int, Waiter?) = try state.withLock { state in
            try Self.checkWritable(end, state)
            let room = capacity - state.unread(1 - end)
            let count = min(room, bytes.count)
            guard count > 0 else { return (0, nil) }
            state.inbound[1 - end].append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<count]))
            return (count, state.take(1 - end, .read))
        }
        woken?.continuation.resume()
        return count
    }

    /// Resumes the reader waiting at `end`, or makes its next wait return at once.
    func wakeReader(_ end: Int) {
        let woken: Waiter? = state.withLock { state in
            guard state.readers[end] != nil else {
                state.readerWoken[end] = true
                return nil
            }
            return state.take(end, .read)
        }
        woken?.continuation.resume()
    }

    func hasRoom(_ end: Int) throws -> Bool {
        try state.withLock { state in
            try Self.checkWritable(end, state)
            return state.unread(1 - end) < capacity
        }
    }

    private static func checkWritable(_ end: Int, _ state: State) throws {
        if state.closed[end] { throw SocketError.closed("send") }
        if state.finished[1 - end] { throw SocketError(operation: "send", code: EPIPE) }
        if state.closed[1 - end] { throw SocketError(operation: "send", code: ECONNRESET) }
    }

    func finish(_ end: Int) throws {
        let woken: Waiter? = try state.withLock { state in
            if state.closed[end] { throw SocketError.closed("shutdown") }
            state.finished[1 - end] = true
            return state.take(1 - end, .read)
        }
        woken?.continuation.resume()
    }

    /// Closes `end` (idempotent): its own waiters fail with "closed"; the peer
    /// reads the end of the stream, or a reset when `reset` is true.
    func close(_ end: Int, reset: Bool) {
        let (own, peer): ([Waiter], [Waiter]) = state.withLock { state in
            guard !state.closed[end] else { return ([], []) }
            state.closed[end] = true
            state.finished[1 - end] = true
            state.wasReset[end] = reset
            state.inbound[end] = []
            state.head[end] = 0
            let own = [state.take(end, .read), state.take(end, .write)].compactMap { $0 }
            return (own, [state.take(1 - end, .read), state.take(1 - end, .write)].compactMap { $0 })
        }
        for waiter in own { waiter.continuation.resume(throwing: SocketError.closed("wait")) }
        for waiter in peer { waiter.continuation.resume() }
    }

    /// Waits until something changes for `end` in `direction`; cancellable
    /// (only this waiter is resumed, with `CancellationError`).
    nonisolated(nonsending) func wait(_ end: Int, _ direction: Direction) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let failure: (any Error)? = state.withLock { state in
                    if Task.isCancelled { return CancellationError() }
                    if state.closed[end] { return SocketError.closed("wait") }
                    let ready = switch direction {
                    case .read: state.unread(end) > 0 || state.finished[end] || state.wasReset[1 - end] || state.readerWoken[end]
                    case .write: state.unread(1 - end) < capacity || state.closed[1 - end] || state.finished[1 - end]
                    }
                    if ready {
                        if direction == .read { state.readerWoken[end] = false }
                        return nil as (any Error)?
                    }
                    let busy = switch direction {
                    case .read: state.readers[end] != nil
                    case .write: state.writers[end] != nil
                    }
                    if busy { return SocketError(operation: "wait", code: EBUSY) }
                    switch direction {
                    case .read: state.readers[end] = Waiter(id: id, continuation: continuation)
                    case .write: state.writers[end] = Waiter(id: id, continuation: continuation)
                    }
                    return Parked()
                }
                switch failure {
                case nil: continuation.resume()
                case is Parked: break
                case let error?: continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                switch direction {
                case .read:
                    guard state.readers[end]?.id == id else { return nil }
                    return state.take(end, .read)
                case .write:
                    guard state.writers[end]?.id == id else { return nil }
                    return state.take(end, .write)
                }
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Marks "parked, resume later" in `wait` (not an error anyone sees).
    private struct Parked: Error {}
}
