import Glibc

/// The single owner of one non-blocking socket fd, registered with a reactor.
///
/// Every call on the fd goes through `perform`, under a lock, so `close()`
/// can never race a call into using a closed (or reused) fd number. `close()`
/// is idempotent: it deregisters from epoll first (failing any waiter with a
/// "closed" error), then closes the fd, exactly once. `deinit` closes a
/// handle its owner forgot.
///
/// `@unchecked Sendable`: `fd` is guarded by `lock`; the rest is immutable.
final class SocketHandle: @unchecked Sendable {
    private let lock = Lock()
    private var fd: Int32
    let token: UInt64
    let reactor: Reactor

    /// Takes ownership of `fd` (which must be non-blocking): on failure it is
    /// closed. `connection`: a connected (or connecting) TCP stream (see `Reactor.register`).
    init(fd: Int32, reactor: Reactor, connection: Bool = false) throws {
        do {
            token = try reactor.register(fd: fd, connection: connection)
        } catch {
            Glibc.close(fd)
            throw error
        }
        self.fd = fd
        self.reactor = reactor
    }

    /// A new non-blocking, close-on-exec IPv4 socket of `type` (SOCK_STREAM or SOCK_DGRAM).
    convenience init(type: __socket_type, reactor: Reactor, connection: Bool = false) throws {
        let flags = Int32(type.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = try systemCallOrThrow("socket") { Glibc.socket(AF_INET, flags, 0) }
        try self.init(fd: fd, reactor: reactor, connection: connection)
    }

    deinit { close() }

    /// Runs a non-blocking call with the fd, waiting for `interest` and
    /// retrying whenever it would block. Throws `SocketError.isClosed` once closed.
    nonisolated(nonsending) func perform<Result: BinaryInteger>(
        _ operation: String, waitingFor interest: Reactor.Interest, _ body: (Int32) -> Result
    ) async throws -> Result {
        while true {
            switch try withFD(operation, { fd in try systemCall(operation) { body(fd) } }) {
            case .done(let value): return value
            case .wouldBlock: try await reactor.waitUntilReady(token, for: interest)
            }
        }
    }

    /// Calls `body` with the open fd, under the lock (for calls that never block).
    @discardableResult
    func withFD<Result>(_ operation: String, _ body: (Int32) throws -> Result) throws -> Result {
        try lock.withLock {
            guard fd >= 0 else { throw SocketError.closed(operation) }
            return try body(fd)
        }
    }

    /// Waits until the socket may be readable (after a read said it would block).
    nonisolated(nonsending) func waitUntilReadable() async throws {
        try await reactor.waitUntilReady(token, for: .read)
    }

    /// See `ByteStream.wakeReader()`.
    func wakeReader() { reactor.wake(token, for: .read) }

    /// Waits until the socket may be writable (a non-blocking connect completes this way).
    nonisolated(nonsending) func waitUntilWritable() async throws {
        try await reactor.waitUntilReady(token, for: .write)
    }

    /// Sets an integer socket option.
    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws {
        var value = value
        try withFD("setsockopt") { fd in
            try systemCallOrThrow("setsockopt") {
                setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
            }
        }
    }

    /// Reads an integer socket option (SO_ERROR after a non-blocking connect).
    func option(_ level: Int32, _ name: Int32) throws -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        try withFD("getsockopt") { fd in
            try systemCallOrThrow("getsockopt") { getsockopt(fd, level, name, &value, &length) }
        }
        return value
    }

    /// The error names the address: "Address already in use" alone does not say which port.
    func bind(_ address: SocketAddress) throws {
        try withFD("bind \(address)") { fd in
            try systemCallOrThrow("bind \(address)") { address.withSockAddr { Glibc.bind(fd, $0, $1) } }
        }
    }

    /// The bound address (with the port the system picked for port 0).
    func localAddress() throws -> SocketAddress {
        try address("getsockname") { fd, raw, length in getsockname(fd, raw, length) }
    }

    func remoteAddress() throws -> SocketAddress {
        try address("getpeername") { fd, raw, length in getpeername(fd, raw, length) }
    }

    private func address(
        _ operation: String, _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) throws -> SocketAddress {
        try withFD(operation) { fd in
            var failure: Int32 = 0
            let address = SocketAddress.reading { raw, length in
                let result = call(fd, raw, length)
                if result < 0 { failure = errno }
                return result
            }
            guard let address else { throw SocketError(operation: operation, code: failure == 0 ? EAFNOSUPPORT : failure) }
            return address
        }
    }

    /// Deregisters from the reactor (waking waiters with a "closed" error) and
    /// closes the fd. Safe to call any number of times, from any task.
    func close() {
        lock.withLock {
            guard fd >= 0 else { return }
            reactor.deregister(token: token, fd: fd)
            // Not retried on EINTR: on Linux the fd is released even then.
            Glibc.close(fd)
            fd = -1
        }
    }
}
