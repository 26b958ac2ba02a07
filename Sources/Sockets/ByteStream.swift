/// A reliable, ordered, two-way byte stream: what HTTP and WebSocket run over.
///
/// `TCPConnection` is the real one; `MemoryByteStream.pair` joins two ends in
/// memory, and a simulated network can give its own. The contract is small on
/// purpose, so an implementation needs no reactor, no fd and no real clock:
///
/// - `read(into:)` waits until at least one byte is there (or the stream has
///   ended) and copies what fits into the caller's buffer; 0 means the peer
///   finished cleanly (FIN). A lost stream throws a `SocketError` whose
///   `isConnectionReset` is true; a stream closed locally throws `isClosed`.
///   The caller owns the buffer, so a connection reads into one buffer it keeps.
/// - `write(someOf:)` never waits: it takes as many bytes as fit right now and
///   says how many (0: full, try after `waitUntilWritable()`). So a sender with
///   nothing queued writes from its own task, with no hand-off to a writer.
/// - Every wait throws `CancellationError` when its task is cancelled, resumes
///   only that waiter, and loses no bytes: the stream stays usable.
/// - At most one reader and one writer wait at a time.
///
/// The waits are `nonisolated(nonsending)`: they run on the caller's actor, so
/// a connection actor reading its stream neither leaves the actor nor hands its
/// buffer across isolation.
public protocol ByteStream: AnyObject, Sendable {
    var localAddress: SocketAddress { get }
    var remoteAddress: SocketAddress { get }

    /// Copies up to `buffer.count` received bytes into `buffer` once any are
    /// there; returns how many, or 0 at the clean end of the stream.
    nonisolated(nonsending) func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int

    /// Copies the received bytes that are there now into `buffer`, without
    /// waiting: how many, 0 at the clean end of the stream, nil when none
    /// have arrived (then `waitUntilReadable()`). So a reader that holds memory
    /// only while bytes come in can give it back before it waits.
    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int?

    /// Returns once a read may find bytes, after `readAvailable` found none
    /// or took fewer than it had room for (the stream had no more then), or
    /// throws why none will come. Bytes that arrived since that read count:
    /// it then returns at once. Waits with no buffer of the caller's; like the
    /// reactor's readiness it means "look again": the next `readAvailable`
    /// may still find nothing.
    nonisolated(nonsending) func waitUntilReadable() async throws

    /// Makes the pending `waitUntilReadable()` return now, bytes or not (or the
    /// next one, when none is pending): its task has other work, such as a
    /// write that could not go out. Callable from anywhere; never throws.
    func wakeReader()

    /// Takes as many of `bytes` as fit without waiting; returns how many (0 if none fit now).
    func write(someOf bytes: UnsafeRawBufferPointer) throws -> Int

    /// Returns once `write(someOf:)` may take bytes again (or throws why it never will).
    nonisolated(nonsending) func waitUntilWritable() async throws

    /// Ends our direction (FIN): the peer reads the end of the stream; we can still read.
    func shutdownWrite() throws

    /// Closes both directions; pending and later calls throw `SocketError.isClosed`. Idempotent.
    func close()

    /// Closes abruptly (TCP: RST): the peer's calls throw `isConnectionReset`.
    func reset()

    /// Where the tasks serving this stream run best. A TCP stream's reactor: a
    /// task there that waited for bytes resumes on the thread that saw them
    /// arrive, with no hand-off, but it must never block (it would stall every
    /// socket of that reactor). A simulated network's own executor: everything
    /// it carries runs where its clock and quiescence are known. nil (the
    /// default): wherever the caller's tasks run. Inside a simulation run,
    /// `SimulationExecutor.current` comes first.
    var preferredExecutor: (any TaskExecutor)? { get }
}

/// Accepts the server side of new byte streams: `TCPListener`, or a simulated network's.
/// Through `any ByteStreamListener`, `accept()` gives `any ByteStream`.
public protocol ByteStreamListener<Stream>: AnyObject, Sendable {
    associatedtype Stream: ByteStream

    /// The bound address, with the actual port when bound to port 0.
    var localAddress: SocketAddress { get }

    /// Waits for the next stream; throws `SocketError.isClosed` once the listener
    /// is closed, and `isNotListening` while it is paused.
    func accept() async throws -> Stream

    /// Stops listening but keeps the address: connection attempts are refused and
    /// those not yet accepted are reset; a pending `accept` throws `isNotListening`.
    /// No other listener can take the address meanwhile. Idempotent.
    func pause() throws

    /// Listens again on the same address after `pause()`. Idempotent.
    func resume() throws

    /// Stops listening; a pending `accept` throws `SocketError.isClosed`. Idempotent.
    func close()
}

extension ByteStream {
    public var preferredExecutor: (any TaskExecutor)? { nil }

    /// Reads up to `maxBytes` as soon as any arrive, as a new array; `[]` means end of stream.
    /// For paths that keep what they read (a request head, a body); a connection
    /// that parses as it reads uses `read(into:)` with a buffer of its own.
    public func read(maxBytes: Int = 65_536) async throws -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(maxBytes, 1), alignment: 1)
        defer { buffer.deallocate() }
        let count = try await read(into: buffer)
        return Array(buffer[..<count])
    }

    /// Writes all of `bytes`, waiting whenever the stream is full.
    public func write(_ bytes: [UInt8]) async throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { body in try write(someOf: UnsafeRawBufferPointer(rebasing: body[offset...])) }
            offset += written
            if offset < bytes.count && written == 0 { try await waitUntilWritable() }
        }
    }
}
