import Glibc

/// A system call on a socket failed: which operation, and the errno it returned.
///
/// One error type for the whole socket layer, so callers branch on meaning
/// (`isConnectionReset`, `isClosed`) instead of comparing errno values at
/// every call site.
public struct SocketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. "recv", "connect", "bind".
    public let operation: String
    /// The errno value.
    public let code: Int32

    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// The peer reset the connection (ECONNRESET) or it is already gone (EPIPE):
    /// TCP was lost without an orderly close, which WebSocket reports as 1006.
    public var isConnectionReset: Bool { code == ECONNRESET || code == EPIPE }

    /// Nobody listens at the address (ECONNREFUSED): e.g. the 3002 backend is not running.
    public var isConnectionRefused: Bool { code == ECONNREFUSED }

    /// The socket was closed locally, before or while this operation waited.
    public var isClosed: Bool { code == EBADF }

    /// An accept on a listener that is paused, or was paused while it waited:
    /// EINVAL, what Linux's accept says on a socket that is not listening.
    public var isNotListening: Bool { code == EINVAL }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }

    /// The error a wait or call reports once the socket has been closed locally.
    static func closed(_ operation: String) -> SocketError {
        SocketError(operation: operation, code: EBADF)
    }

    /// The error an accept reports while its listener is paused.
    public static func notListening(_ operation: String) -> SocketError {
        SocketError(operation: operation, code: EINVAL)
    }
}

/// What a non-blocking system call did: finished with a value, or would have blocked.
enum IOOutcome<Value> {
    case done(Value)
    case wouldBlock
}

/// The one wrapper around every socket system call (except `close`, which must
/// not be retried on Linux, and `connect`, whose EINTR/EINPROGRESS mean "in progress").
///
/// EINTR is retried (a signal arriving during I/O is not a failure),
/// EAGAIN/EWOULDBLOCK come back as `.wouldBlock` so the caller can wait for
/// readiness, and any other errno becomes a `SocketError` naming the operation.
func systemCall<Result: BinaryInteger>(_ operation: String, _ body: () -> Result) throws -> IOOutcome<Result> {
    while true {
        let result = body()
        if result >= 0 { return .done(result) }
        let error = errno
        switch error {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        default: throw SocketError(operation: operation, code: error)
        }
    }
}

/// A call that cannot return EAGAIN on our sockets (socket, bind, listen, setsockopt...).
@discardableResult
func systemCallOrThrow<Result: BinaryInteger>(_ operation: String, _ body: () -> Result) throws -> Result {
    switch try systemCall(operation, body) {
    case .done(let value): return value
    case .wouldBlock: throw SocketError(operation: operation, code: EAGAIN)
    }
}
