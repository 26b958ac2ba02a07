import CEpoll
import Glibc

/// The reactor runs jobs too: as a `TaskExecutor`, the tasks that prefer it
/// (SE-0417: `Task(executorPreference:)`, `withTaskExecutorPreference`, and
/// their child tasks; the default actors they call run there while they do)
/// run on the thread that sees their sockets' readiness. A read that waited
/// resumes on that thread right after `epoll_wait` returns, and the task it
/// wakes runs there too: one wake per message, as in an event loop, with no
/// hand-off to the cooperative pool.
///
/// A turn of the loop runs every job that is ready (and those they make
/// ready) until none is left, then resumes the tasks waiting in
/// `endOfTurn()`, then looks at the sockets: without waiting when jobs came
/// meanwhile, otherwise blocking in `epoll_wait`. Only then may another
/// thread's `enqueue` write the eventfd, so a busy reactor is never woken
/// for nothing, and a sleeping one never misses a job.
///
/// Code that runs here must never block (as on the cooperative pool): a
/// blocked job stalls every socket of this reactor, including, most likely,
/// the one it waits for.
extension Reactor: TaskExecutor {
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let (accepted, wake): (Bool, Bool) = lock.withLock {
            if threadFinished { return (false, false) }
            jobs.append(job)
            defer { sleeping = false }
            return (true, sleeping)
        }
        // After `shutdown()` the thread is gone, and the job must still run somewhere.
        guard accepted else { return globalConcurrentExecutor.enqueue(job) }
        if wake { wakeThread() }
    }

    /// Returns at the end of the reactor's current turn: once every job that
    /// is ready now, and every job they make ready, has run, and before the
    /// reactor looks at its sockets again. A connection defers writing what a
    /// batch of received messages produced until then, so the answers to the
    /// whole batch leave in one write instead of one each.
    public func endOfTurn() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (parked, wake): (Bool, Bool) = lock.withLock {
                if threadFinished { return (false, false) }
                turnWaiters.append(continuation)
                defer { sleeping = false }
                return (true, sleeping)
            }
            if !parked { continuation.resume() } else if wake { wakeThread() }
        }
    }

    /// The most rounds of ready jobs one turn runs before the sockets are
    /// looked at again (without waiting): tasks that keep waking each other
    /// must not starve the other sockets of this reactor.
    static let roundsPerTurn = 64

    /// Runs ready jobs, round after round, until none is left (or the round cap).
    func runReadyJobs() {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<Self.roundsPerTurn {
            lock.withLock { swap(&jobs, &running) }
            if running.isEmpty { return }
            for job in running { job.runSynchronously(on: executor) }
            running.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the turn: how long the next `epoll_wait` may block (0 while jobs
    /// are ready or turn waiters were just resumed; otherwise until woken, and
    /// from here on another thread's `enqueue` writes the eventfd).
    func endTurn() -> Int32 {
        let (timeout, waiters): (Int32, [CheckedContinuation<Void, Never>]) = lock.withLock {
            if !turnWaiters.isEmpty {
                defer { turnWaiters.removeAll(keepingCapacity: true) }
                return (0, turnWaiters)
            }
            if !jobs.isEmpty { return (0, []) }
            sleeping = true
            return (-1, [])
        }
        for waiter in waiters { waiter.resume() }
        return timeout
    }

    /// Back from `epoll_wait`: jobs that arrive now are seen without a wake-up.
    func awake() {
        lock.withLock { sleeping = false }
    }

    /// Makes `epoll_wait` return (the eventfd is level-triggered: `clearWake` resets it).
    func wakeThread() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    func clearWake() {
        var count: UInt64 = 0
        _ = Glibc.read(wakeFD, &count, MemoryLayout<UInt64>.size)
    }

    /// After `shutdown()`, on the reactor thread: runs what is queued (the
    /// waiters failed with "closed" resume here) until nothing is, then marks
    /// the thread finished, after which jobs go to the global executor.
    func finishJobs() {
        while true {
            runReadyJobs()
            let waiters: [CheckedContinuation<Void, Never>]? = lock.withLock {
                guard jobs.isEmpty && turnWaiters.isEmpty else {
                    defer { turnWaiters.removeAll() }
                    return turnWaiters
                }
                threadFinished = true
                return nil
            }
            guard let waiters else { return }
            for waiter in waiters { waiter.resume() }
        }
    }
}

extension Reactor {
    /// One reactor per core, started on first use and kept for the process:
    /// where a server whose connections run on their reactors spreads them
    /// (`TCPListener.bind(spreadingAcceptedOver:)`), as an event-loop group
    /// does, leaving `shared` to listeners, clients and UDP.
    public static let perCore: [Reactor] = {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return (0..<cores).map { _ in
            do { return try Reactor() } catch { fatalError("cannot start a connection reactor: \(error)") }
        }
    }()
}
