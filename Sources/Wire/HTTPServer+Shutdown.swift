import Clocks
import Sockets

extension HTTPServer {
    /// Stops in order: `beginShutdown()` (stop accepting, close idle connections,
    /// tell upgraded ones the server is going away), then let in-flight requests
    /// finish (each gets "Connection: close") and upgraded connections end for up
    /// to `shutdownGrace`, then cancel what is left and close it. Idempotent;
    /// returns when every connection is gone.
    public func shutdown() async {
        await beginShutdown()
        let (first, accepting): (Bool, Task<Void, Never>?) = lock.withLock {
            defer { draining = true }
            return (!draining, acceptTask)
        }
        guard first else {
            await waitUntilStopped()
            return
        }
        let deadline = time.now + configuration.shutdownGrace
        do {
            try await withDeadline(deadline, on: time) { [self] in try await waitForDrain() }
        } catch {
            let remaining = cancelAll(accepting)
            logger.warning("shutdown grace over: cancelled in-flight requests", ("connections", remaining))
            try? await waitForDrain()
        }
        // The accept loop's group: it returns once its last connection task has.
        await accepting?.value
        finishStopping()
    }

    /// The first phase of `shutdown()`, for owners that do not wait for the drain:
    /// stops accepting (newcomers already accepted get 503), closes idle
    /// connections, ends keep-alive for the rest, and runs every upgraded
    /// connection's going-away (a WebSocket's Close 1001), awaiting them all.
    /// Only the first call does anything.
    public func beginShutdown() async {
        let (idle, goAways) = beginStopping()
        listener.close()
        // A paused accept loop waits for a resume that will not come: it finds the listener closed.
        wakeAcceptLoop()
        for connection in idle { connection.close() }
        await withTaskGroup(of: Void.self) { group in
            for goAway in goAways { group.addTask { await goAway() } }
        }
    }

    /// Returns once `shutdown()` has finished (for executables that serve until told to stop).
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = lock.withLock {
                if stopped { return true }
                stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

extension HTTPServer {
    /// Sets `stopping`; returns the idle connections and the upgraded connections'
    /// going-aways (none when it was already set).
    fileprivate func beginStopping() -> ([any ByteStream], [@Sendable () async -> Void]) {
        lock.withLock {
            guard !stopping else { return ([], []) }
            stopping = true
            let idle = connections.values.filter(\.idle).map(\.connection)
            return (idle, connections.values.compactMap(\.goAway))
        }
    }

    /// Waits until no connection is left; cancellable (resumes exactly this waiter).
    fileprivate func waitForDrain() async throws {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Bool, CancellationError> = lock.withLock {
                    if connections.isEmpty { return .success(true) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    drainWaiters[id] = continuation
                    return .success(false)
                }
                switch outcome {
                case .success(true): continuation.resume()
                case .success(false): break
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            lock.withLock { drainWaiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// Cancels every connection task (children of the accept task) and closes
    /// every connection; returns how many there were.
    fileprivate func cancelAll(_ accepting: Task<Void, Never>?) -> Int {
        let all = lock.withLock { Array(connections.values) }
        accepting?.cancel()
        for tracked in all { tracked.connection.close() }
        return all.count
    }

    fileprivate func finishStopping() {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            stopped = true
            defer { stopWaiters.removeAll() }
            return stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
