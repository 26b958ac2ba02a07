import Sockets

extension HTTPServer {
    /// Stops listening without letting the address go: connection attempts are
    /// refused (TCP: reset) until `resumeListening()`, and no other socket can
    /// take the port meanwhile. The accept loop waits, it does not spin.
    ///
    /// Connections already open carry on, unless `droppingConnections`: then
    /// they are closed and their requests cancelled, as if the server process
    /// had died, and this returns once they are all gone. Does nothing once
    /// shutdown has begun.
    public func pauseListening(droppingConnections: Bool = false) async throws {
        let ticket: UInt64? = try lock.withLock {
            guard !stopping else { return nil }
            try listener.pause()
            paused = true
            guard droppingConnections else { return nil }
            dropsRequested += 1
            return dropsRequested
        }
        // A loop already parked by an earlier pause wakes to do the drop.
        wakeAcceptLoop()
        if let ticket { await waitForDrop(ticket) }
    }

    /// Listens again after `pauseListening()`, on the same address. Does nothing
    /// when not paused or once shutdown has begun.
    public func resumeListening() throws {
        try lock.withLock {
            guard paused, !stopping else { return }
            try listener.resume()
            paused = false
        }
        wakeAcceptLoop()
    }

    /// False while paused and once shutdown has begun.
    public var isListening: Bool { lock.withLock { !paused && !stopping } }

    /// How the accept loop should take a listener that says it is not listening:
    /// drop this round's connections (up to the returned ticket), wait for a
    /// resume, or (the listener was paused by someone else) treat it as a failure.
    enum NotListening {
        case drop(upTo: UInt64)
        case wait
        case unexpected
    }

    func notListening() -> NotListening {
        lock.withLock {
            if dropsRequested > dropsDone { return .drop(upTo: dropsRequested) }
            return paused ? .wait : .unexpected
        }
    }

    /// Closes every connection of this round and cancels its tasks (children of
    /// `group`); the round's group then ends once they have.
    func drop(_ group: inout DiscardingTaskGroup) {
        let open = lock.withLock { connections.values.map(\.connection) }
        group.cancelAll()
        for connection in open { connection.close() }
        logger.info("listening paused: open connections dropped", ("listener", localAddress), ("connections", open.count))
    }

    /// Called by the accept loop once a round's connections are gone.
    func finishDrop(upTo ticket: UInt64) {
        let done: [CheckedContinuation<Void, Never>] = lock.withLock {
            dropsDone = max(dropsDone, ticket)
            let done = dropWaiters.filter { $0.ticket <= dropsDone }.map(\.continuation)
            dropWaiters.removeAll { $0.ticket <= dropsDone }
            return done
        }
        for waiter in done { waiter.resume() }
    }

    /// Parks the accept loop while paused, until resumed, a drop is asked for,
    /// shutdown begins, or the loop's task is cancelled.
    func waitWhilePaused() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let parked: Bool = lock.withLock {
                    guard paused, !stopping, dropsRequested == dropsDone, !Task.isCancelled else { return false }
                    acceptLoopWaiter = continuation
                    return true
                }
                if !parked { continuation.resume() }
            }
        } onCancel: {
            wakeAcceptLoop()
        }
    }

    func wakeAcceptLoop() {
        let waiter: CheckedContinuation<Void, Never>? = lock.withLock {
            defer { acceptLoopWaiter = nil }
            return acceptLoopWaiter
        }
        waiter?.resume()
    }

    private func waitForDrop(_ ticket: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = lock.withLock {
                if dropsDone >= ticket || stopped { return true }
                dropWaiters.append(DropWaiter(ticket: ticket, continuation: continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}
