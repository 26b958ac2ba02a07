import Glibc

/// A connected IPv4 TCP stream: the `ByteStream` over a real socket.
///
/// `read` returns an empty array at end of stream (the peer shut down or
/// closed cleanly); a connection the peer reset throws a `SocketError` whose
/// `isConnectionReset` is true, so the WebSocket layer can tell an orderly
/// close from a lost connection (1006).
///
/// TCP_NODELAY is on: our traffic is small request/reply messages, where
/// Nagle's algorithm plus delayed ACKs would add up to 40 ms per round trip.
public final class TCPConnection: ByteStream {
    private let handle: SocketHandle
    public let localAddress: SocketAddress
    public let remoteAddress: SocketAddress

    init(handle: SocketHandle) throws {
        self.handle = handle
        try handle.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        self.localAddress = try handle.localAddress()
        self.remoteAddress = try handle.remoteAddress()
    }

    /// Connects to `address` without blocking a thread: non-blocking connect,
    /// wait until writable, then SO_ERROR tells success or why not
    /// (`isConnectionRefused` when nobody listens). Cancelling the task abandons
    /// the attempt and closes the socket.
    public static func connect(to address: SocketAddress, reactor: Reactor = .shared) async throws -> TCPConnection {
        let handle = try SocketHandle(type: SOCK_STREAM, reactor: reactor, connection: true)
        let inProgress: Bool = try handle.withFD("connect") { fd in
            let result = address.withSockAddr { Glibc.connect(fd, $0, $1) }
            if result == 0 { return false }
            let error = errno
            // EINTR: the connect goes on in the background, exactly like EINPROGRESS.
            guard error == EINPROGRESS || error == EINTR else { throw SocketError(operation: "connect", code: error) }
            return true
        }
        if inProgress {
            try await handle.waitUntilWritable()
            let error = try handle.option(SOL_SOCKET, SO_ERROR)
            guard error == 0 else { throw SocketError(operation: "connect", code: error) }
        }
        return try TCPConnection(handle: handle)
    }

    public nonisolated(nonsending) func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        try await handle.perform("recv", waitingFor: .read) { fd in
            recv(fd, buffer.baseAddress, buffer.count, 0)
        }
    }

    public func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        let outcome = try handle.withFD("recv") { fd in
            try systemCall("recv") { recv(fd, buffer.baseAddress, buffer.count, 0) }
        }
        switch outcome {
        case .done(let count): return count
        case .wouldBlock: return nil
        }
    }

    /// Parks on the reactor until the socket may be readable; the next read
    /// may still find nothing (it then says nil, or waits, as usual).
    public nonisolated(nonsending) func waitUntilReadable() async throws {
        try await handle.waitUntilReadable()
    }

    public func wakeReader() { handle.wakeReader() }

    /// MSG_NOSIGNAL: a reset peer gives an error (`isConnectionReset`), never SIGPIPE.
    public func write(someOf bytes: UnsafeRawBufferPointer) throws -> Int {
        guard !bytes.isEmpty else { return 0 }
        let outcome = try handle.withFD("send") { fd in
            try systemCall("send") { send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
        }
        switch outcome {
        case .done(let count): return count
        case .wouldBlock: return 0
        }
    }

    /// The reactor this socket is registered with: a task that runs there
    /// resumes from a wait for this socket on the thread that saw it ready.
    public var preferredExecutor: (any TaskExecutor)? { handle.reactor }

    public nonisolated(nonsending) func waitUntilWritable() async throws {
        try await handle.waitUntilWritable()
    }

    /// Sends FIN: the peer reads end of stream; we can still read its reply.
    public func shutdownWrite() throws {
        try handle.withFD("shutdown") { fd in
            try systemCallOrThrow("shutdown") { shutdown(fd, Int32(SHUT_WR)) }
        }
    }

    /// Closes the connection (FIN). Pending reads and writes throw
    /// `SocketError.isClosed`. Idempotent.
    public func close() { handle.close() }

    /// Closes with a TCP reset instead of a FIN (SO_LINGER 0): how a crashed
    /// peer looks from the other side. Mocks use it to simulate a lost connection.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = try? handle.withFD("setsockopt") { fd in
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
        handle.close()
    }
}
