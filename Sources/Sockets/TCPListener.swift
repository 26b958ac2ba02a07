import CEpoll
import Glibc

/// A listening IPv4 TCP socket with async accept.
///
/// It accepts as fast as asked: capping connections is the server's job
/// (it decides whether to stop calling `accept` or to close the newcomer).
public final class TCPListener: ByteStreamListener {
    private let handle: SocketHandle
    /// The bound address, with the actual port when bound to port 0.
    public let localAddress: SocketAddress

    private init(handle: SocketHandle) throws {
        self.handle = handle
        self.localAddress = try handle.localAddress()
    }

    /// Binds and listens on `address` (port 0 = any free port).
    ///
    /// SO_REUSEADDR is set (TCP only) so a restarted server can bind its port
    /// while old connections sit in TIME_WAIT; it never lets two live listeners share a port on Linux.
    public static func bind(
        _ address: SocketAddress = .loopback(), backlog: Int32 = SOMAXCONN, reactor: Reactor = .shared
    ) throws -> TCPListener {
        let handle = try SocketHandle(type: SOCK_STREAM, reactor: reactor)
        try handle.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
        try handle.bind(address)
        try handle.withFD("listen") { fd in try systemCallOrThrow("listen") { listen(fd, backlog) } }
        return try TCPListener(handle: handle)
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
            return try TCPConnection(handle: SocketHandle(fd: fd, reactor: handle.reactor))
        }
    }

    /// Stops listening; a pending `accept` throws `SocketError.isClosed`. Idempotent.
    public func close() { handle.close() }
}
