import CEpoll
import Glibc

/// One epoll thread that turns "this socket would block" into a suspended task.
///
/// Sockets register once (edge-triggered, for reading and writing) and get a
/// token; a task whose non-blocking call returned EAGAIN awaits
/// `waitUntilReady(token, for:)`. Readiness that arrives while nobody waits is
/// remembered per token and direction, so an edge that lands between the
/// EAGAIN and the wait is never lost (the caller simply retries once).
///
/// The loop runs on a thread of its own, never on the cooperative pool (which
/// has as few threads as cores, and `epoll_wait` blocks). An eventfd wakes it
/// to stop, and to run jobs: the reactor is also a `TaskExecutor`
/// (Reactor+Executor.swift), so a connection's tasks can run on the thread
/// that sees its readiness. Tokens, not fds, key the state, so an event for a
/// socket closed a moment ago can never wake whoever reuses its fd number.
///
/// `@unchecked Sendable`: all mutable state is guarded by `lock` (`running`
/// is the reactor thread's alone); continuations are resumed and jobs run outside it.
public final class Reactor: @unchecked Sendable {
    /// The process-wide reactor every socket uses unless told otherwise.
    public static let shared: Reactor = {
        do { return try Reactor() } catch { fatalError("cannot start the socket reactor: \(error)") }
    }()

    enum Interest: Sendable { case read, write }

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    struct Entry {
        var readReady = false
        var writeReady = false
        /// A connection's socket: once its peer's end came, reads never block again.
        var endIsFinal = false
        /// The peer's end (its FIN, or a reset) was seen on a connection: every
        /// later wait to read returns at once. Needed because the edge that
        /// carried the end may also have carried the last bytes, and a reader
        /// that took those and waits again would never hear of it.
        var readEnded = false
        var reader: Waiter?
        var writer: Waiter?

        /// The socket may be ready for `interest`: takes its waiter to resume,
        /// or remembers the readiness for the next wait when nobody waits.
        mutating func ready(for interest: Interest) -> CheckedContinuation<Void, any Error>? {
            switch interest {
            case .read:
                guard let waiter = reader else { readReady = true; return nil }
                reader = nil
                return waiter.continuation
            case .write:
                guard let waiter = writer else { writeReady = true; return nil }
                writer = nil
                return waiter.continuation
            }
        }
    }

    /// Token of the eventfd; sockets get tokens from 1.
    static let wakeToken: UInt64 = 0

    let lock = Lock()
    let epollFD: Int32
    let wakeFD: Int32
    var entries: [UInt64: Entry] = [:]
    private var nextToken: UInt64 = 1
    private var nextWaiterID: UInt64 = 0
    var stopped = false
    /// The epoll thread, once running (tests aim signals at it).
    var thread: pthread_t?
    /// The epoll thread has returned after `shutdown()`.
    var threadFinished = false
    /// Jobs of the tasks that prefer this reactor as their executor, in order.
    var jobs: [UnownedJob] = []
    /// The round of jobs the thread is running (only the thread touches it).
    var running: [UnownedJob] = []
    /// Tasks waiting in `endOfTurn()`.
    var turnWaiters: [CheckedContinuation<Void, Never>] = []
    /// The thread blocks (or is about to) in `epoll_wait`: a new job must write the eventfd.
    var sleeping = false

    /// Starts a reactor thread. Also ignores SIGPIPE for the process, once:
    /// a write to a reset peer must be an error value, never a signal that kills us.
    public init() throws {
        signal(SIGPIPE, SIG_IGN)
        epollFD = try systemCallOrThrow("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do {
            wakeFD = try systemCallOrThrow("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        } catch {
            Glibc.close(epollFD)
            throw error
        }
        try add(fd: wakeFD, token: Self.wakeToken, events: EPOLLIN.rawValue)
        startThread(name: "wire-reactor") { [self] in run() }
    }

    /// The epoll fd and the eventfd live as long as the reactor, not its thread:
    /// while anyone can still call `shutdown()` or close a socket, those numbers
    /// cannot be recycled for another file.
    deinit {
        Glibc.close(epollFD)
        Glibc.close(wakeFD)
    }

    /// Stops the thread and fails every waiter with a "closed" error.
    /// Sockets still registered can only be closed afterwards. Idempotent.
    public func shutdown() {
        let waiters: [Waiter]? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            let all = entries.values.flatMap { [$0.reader, $0.writer].compactMap { $0 } }
            entries.removeAll()
            return all
        }
        guard let waiters else { return }
        wakeThread()
        for waiter in waiters { waiter.continuation.resume(throwing: SocketError.closed("wait")) }
    }

    func nextID() -> UInt64 {
        lock.withLock {
            nextWaiterID += 1
            return nextWaiterID
        }
    }

    /// How many tasks are suspended on this reactor (for tests and diagnostics).
    var waiterCount: Int {
        lock.withLock { entries.values.reduce(0) { $0 + ($1.reader == nil ? 0 : 1) + ($1.writer == nil ? 0 : 1) } }
    }

    /// Adds a non-blocking fd to the epoll set; returns its token. `connection`:
    /// a connected stream, whose reads never block once its peer's end came
    /// (not a listener, which a pause shuts down for reading and a resume
    /// reopens, nor a datagram socket).
    func register(fd: Int32, connection: Bool = false) throws -> UInt64 {
        let token: UInt64 = try lock.withLock {
            guard !stopped else { throw SocketError.closed("register") }
            defer { nextToken += 1 }
            entries[nextToken] = Entry(endIsFinal: connection)
            return nextToken
        }
        let events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        do {
            try add(fd: fd, token: token, events: events)
        } catch {
            _ = lock.withLock { entries.removeValue(forKey: token) }
            throw error
        }
        return token
    }

    /// Removes `fd` from the epoll set and fails its waiters with a "closed"
    /// error. Call before closing the fd, so its number cannot be reused while still registered.
    func deregister(token: UInt64, fd: Int32) {
        let entry: Entry? = lock.withLock { entries.removeValue(forKey: token) }
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        for waiter in [entry?.reader, entry?.writer].compactMap({ $0 }) {
            waiter.continuation.resume(throwing: SocketError.closed("wait"))
        }
    }

    private func add(fd: Int32, token: UInt64, events: UInt32) throws {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        try systemCallOrThrow("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
    }
}
