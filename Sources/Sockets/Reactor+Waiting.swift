import CEpoll
import Glibc

extension Reactor {
    /// Suspends until the socket behind `token` may be ready for `interest`,
    /// then returns so the caller retries its call (which may again say EAGAIN).
    ///
    /// Throws `CancellationError` if the task is cancelled (only this waiter is
    /// resumed), `SocketError.isClosed` if the socket is closed meanwhile, and
    /// EBUSY if another task already waits on the same socket and direction
    /// (two readers of one socket is a bug in the caller).
    nonisolated(nonsending) func waitUntilReady(_ token: UInt64, for interest: Interest) async throws {
        let id = nextID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                switch park(token: token, interest: interest, waiter: Waiter(id: id, continuation: continuation)) {
                case .parked: break
                case .ready: continuation.resume()
                case .failed(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            unpark(token: token, interest: interest, id: id)?.resume(throwing: CancellationError())
        }
    }

    /// Resumes the task waiting on `token` for `interest` as if the socket were
    /// ready, or makes its next wait return at once: readiness only ever means
    /// "look again", so a waiter that finds nothing to read has lost nothing.
    func wake(_ token: UInt64, for interest: Interest) {
        let woken = lock.withLock { changeEntry(token) { $0.ready(for: interest) } ?? nil }
        woken?.resume()
    }

    /// The epoll loop: runs on the reactor thread until `shutdown()`.
    func run() {
        // A thread inherits its creator's signal mask, and cooperative-pool threads block
        // signals: set it explicitly, unblocking all, so behaviour does not depend on which
        // task started the reactor. epoll_wait retries EINTR, so signals landing here are harmless.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, nil)
        lock.withLock { thread = pthread_self() }
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer {
            events.deallocate()
            finishJobs()
        }
        var ready: [CheckedContinuation<Void, any Error>] = []
        while true {
            // A turn: the jobs ready now (a read that resumed below runs its task here, at once),
            // then the sockets, without blocking while jobs wait.
            runReadyJobs()
            let timeout = endTurn()
            let count = epoll_wait(epollFD, events, Int32(capacity), timeout)
            if timeout != 0 { awake() }
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("epoll_wait failed: \(SocketError(operation: "epoll_wait", code: errno))")
            }
            var stop = false
            for index in 0..<Int(count) {
                let token = events[index].data.u64
                if token == Self.wakeToken {
                    clearWake()
                    stop = lock.withLock { stopped }
                    continue
                }
                deliver(token: token, flags: events[index].events, into: &ready)
            }
            // A task that prefers this reactor resumes as a job queued here, run at the top of the loop.
            for continuation in ready { continuation.resume() }
            ready.removeAll(keepingCapacity: true)
            if stop { return }
        }
    }

    private enum ParkOutcome {
        case parked, ready
        case failed(any Error)
    }

    private func park(token: UInt64, interest: Interest, waiter: Waiter) -> ParkOutcome {
        lock.withLock {
            let cancelled = Task.isCancelled
            return changeEntry(token) { entry -> ParkOutcome in
                if cancelled { return .failed(CancellationError()) }
                switch interest {
                case .read:
                    if entry.readReady || entry.readEnded { entry.readReady = false; return .ready }
                    if entry.reader != nil { return .failed(SocketError(operation: "wait for read", code: EBUSY)) }
                    entry.reader = waiter
                case .write:
                    if entry.writeReady { entry.writeReady = false; return .ready }
                    if entry.writer != nil { return .failed(SocketError(operation: "wait for write", code: EBUSY)) }
                    entry.writer = waiter
                }
                return .parked
            } ?? .failed(SocketError.closed("wait"))
        }
    }

    private func unpark(token: UInt64, interest: Interest, id: UInt64) -> CheckedContinuation<Void, any Error>? {
        lock.withLock {
            changeEntry(token) { entry -> CheckedContinuation<Void, any Error>? in
                switch interest {
                case .read:
                    guard let waiter = entry.reader, waiter.id == id else { return nil }
                    entry.reader = nil
                    return waiter.continuation
                case .write:
                    guard let waiter = entry.writer, waiter.id == id else { return nil }
                    entry.writer = nil
                    return waiter.continuation
                }
            } ?? nil
        }
    }

    /// Runs `body` on the entry of `token` where it lies in the dictionary (no
    /// copy out and back, which costs a retain and release per waiter on every
    /// event); nil when the token is gone. Call with `lock` held.
    private func changeEntry<Result>(_ token: UInt64, _ body: (inout Entry) -> Result) -> Result? {
        guard let index = entries.index(forKey: token) else { return nil }
        return body(&entries.values[index])
    }

    /// Records an epoll event: wakes the waiter of each ready direction, or
    /// remembers the readiness for the next wait. Errors and hang-ups wake both
    /// directions, so the retried call reports them.
    private func deliver(token: UInt64, flags: UInt32, into woken: inout [CheckedContinuation<Void, any Error>]) {
        let hangup = EPOLLERR.rawValue | EPOLLHUP.rawValue
        let readable = flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | hangup) != 0
        let writable = flags & (EPOLLOUT.rawValue | hangup) != 0
        // EPOLLRDHUP only: on a connection TCP sets it once the peer's FIN or a
        // reset came, and from then on a read never blocks. EPOLLHUP is also what
        // a socket not yet connected reports, and EPOLLERR what a UDP socket
        // reports for an ICMP error, once; both go on to block as usual.
        let ended = flags & EPOLLRDHUP.rawValue != 0
        lock.withLock {
            changeEntry(token) { entry in
                if ended && entry.endIsFinal { entry.readEnded = true }
                if readable, let reader = entry.ready(for: .read) { woken.append(reader) }
                if writable, let writer = entry.ready(for: .write) { woken.append(writer) }
            }
        }
    }
}
