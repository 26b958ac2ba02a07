import CEpoll
import Glibc
import Synchronization

/// A listening IPv4 TCP socket with async accept, which can pause listening
/// without letting its port go (see `pause()`).
///
/// It accepts as fast as asked: capping connections is the server's job
/// (it decides whether to stop calling `accept` or to close the newcomer).
public final class TCPListener: ByteStreamListener {
    let handle: SocketHandle
    private let backlog: Int32
    /// Whether `pause()` stopped listening; changed under the mutex with the socket calls that make it so.
    private let paused = Mutex(false)
    /// The bound address, with the actual port when bound to port 0.
    public let localAddress: SocketAddress
    /// The reactors accepted connections are registered with, in turn (none: the listener's own).
    private let spread: [Reactor]
    private let nextReactor = Atomic<Int>(0)

    private init(handle: SocketHandle, backlog: Int32, spread: [Reactor]) throws {
        self.handle = handle
        self.backlog = backlog
        self.spread = spread
        self.localAddress = try handle.localAddress()
    }

    /// Binds and listens on `address` (port 0 = any free port).
    ///
    /// SO_REUSEADDR is set (TCP only) so a restarted server can bind its port
    /// while old connections sit in TIME_WAIT; it never lets two live listeners share a port on Linux.
    /// Accepted connections are registered with `reactor` too, or in turn with
    /// each of `spreadingAcceptedOver` (`Reactor.perCore`: a server whose
    /// connections run on their reactors then uses every core).
    public static func bind(
        _ address: SocketAddress = .loopback(), backlog: Int32 = SOMAXCONN, reactor: Reactor = .shared,
        spreadingAcceptedOver spread: [Reactor] = []
    ) throws -> TCPListener {
        let handle = try SocketHandle(type: SOCK_STREAM, reactor: reactor)
        try handle.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
        if address.port == 0 {
            // Linux lets go of a port it picked itself as soon as the socket stops
            // listening, but keeps one the socket asked for by number: so a free
            // port is found by a placeholder, which holds it until the listener has
            // bound it by number, and `pause()` keeps the port.
            let placeholder = try SocketHandle(type: SOCK_STREAM, reactor: reactor)
            defer { placeholder.close() }
            // Not listening, and SO_REUSEADDR on both: the listener may bind beside it.
            try placeholder.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            try placeholder.bind(address)
            try handle.bind(placeholder.localAddress())
        } else {
            try handle.bind(address)
        }
        try handle.withFD("listen") { fd in try systemCallOrThrow("listen") { listen(fd, backlog) } }
        return try TCPListener(handle: handle, backlog: backlog, spread: spread)
    }

    /// Waits for the next connection.
    ///
    /// A connection that the peer aborted before we took it (ECONNABORTED) is
    /// skipped, not reported. Running out of fds (EMFILE/ENFILE) throws: the
    /// server should log it and back off rather than spin. While paused, and
    /// when a pause comes during the wait, it throws `isNotListening`.
    public func accept() async throws -> TCPConnection {
        while true {
            let fd: Int32
            do {
                fd = try await handle.perform("accept", waitingFor: .read) { fd in
                    cepoll_accept_nonblocking(fd)
                }
            } catch let error as SocketError where error.code == ECONNABORTED {
                continue
            }
            let reactor = spread.isEmpty ? handle.reactor : spread[nextReactor.add(1, ordering: .relaxed).oldValue % spread.count]
            return try TCPConnection(handle: SocketHandle(fd: fd, reactor: reactor, connection: true))
        }
    }

    /// Stops listening but keeps the socket and its port: connection attempts
    /// are refused (RST), connections waiting to be accepted are reset, and a
    /// pending `accept` throws `isNotListening`. No other socket can bind the
    /// port meanwhile, not even one with SO_REUSEADDR. Idempotent.
    public func pause() throws {
        try paused.withLock { paused in
            guard !paused else { return }
            // First, so nobody can bind beside the socket once it stops listening.
            try handle.setOption(SOL_SOCKET, SO_REUSEADDR, 0)
            // On a listening socket, Linux's shutdown(SHUT_RD) stops listening; listen() resumes it.
            try handle.withFD("shutdown") { fd in try systemCallOrThrow("shutdown") { shutdown(fd, Int32(SHUT_RD)) } }
            paused = true
        }
    }

    /// Listens again on the same port after `pause()`. Idempotent.
    public func resume() throws {
        try paused.withLock { paused in
            guard paused else { return }
            // Back on before listening: the port's own closed connections may still linger there.
            try handle.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            try handle.withFD("listen") { fd in try systemCallOrThrow("listen") { listen(fd, backlog) } }
            paused = false
        }
    }

    /// Stops listening; a pending `accept` throws `SocketError.isClosed`. Idempotent.
    public func close() { handle.close() }
}
