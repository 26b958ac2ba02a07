import CEpoll
import Glibc
import Synchronization

/// A listening IPv4 TCP socket with async accept.
///
/// It accepts as fast as asked: capping connections is the server's job
/// (it decides whether to stop calling `accept` or to close the newcomer).
public final class TCPListener: ByteStreamListener {
    private let handle: SocketHandle
    /// The bound address, with the actual port when bound to port 0.
    public let localAddress: SocketAddress
    /// The reactors accepted connections are registered with, in turn (none: the listener's own).
    private let spread: [Reactor]
    private let nextReactor = Atomic<Int>(0)

    private init(handle: SocketHandle, spread: [Reactor]) throws {
        self.handle = handle
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
        try handle.bind(address)
        try handle.withFD("listen") { fd in try systemCallOrThrow("listen") { listen(fd, backlog) } }
        return try TCPListener(handle: handle, spread: spread)
    }

    /// Waits for the next connection.
    ///
    /// A connection that the peer aborted before we took it (ECONNABORTED) is
    /// skipped, not reported. Running out of fds (EMFILE/ENFILE) throws: the
    /// server should log it and back off rather than spin.
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
            return try TCPConnection(handle: SocketHandle(fd: fd, reactor: reactor))
        }
    }

    /// Stops listening; a pending `accept` throws `SocketError.isClosed`. Idempotent.
    public func close() { handle.close() }
}
