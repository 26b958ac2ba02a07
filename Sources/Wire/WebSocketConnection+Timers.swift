import Clocks

/// The connection's timers, kept in its server's (or its own) `WebSocketDeadlines`.
extension WebSocketConnection {
    /// Registers the next deadline (the machine's, or the linger after a close)
    /// when it is earlier than the one registered: one that moved later is
    /// found when the registered one comes (`deadlineCame`), so traffic that
    /// postpones the keepalive costs nothing here.
    func scheduleTimer() {
        guard !finished, let deadline = [machine.nextDeadline, lingerDeadline].compactMap({ $0 }).min() else { return }
        if let registeredDeadline, registeredDeadline <= deadline { return }
        registeredDeadline = deadline
        deadlineToken &+= 1
        deadlines.schedule(self, token: deadlineToken, at: deadline)
    }

    /// A registered deadline came: acts on what is due, registers what is not yet.
    func deadlineCame(_ token: UInt64) {
        guard token == deadlineToken, !finished else { return }
        registeredDeadline = nil
        let now = time.now
        if let lingerDeadline, now >= lingerDeadline {
            finish()
            return
        }
        if let due = machine.nextDeadline, now >= due {
            perform(machine.tick(now: now))
        } else {
            scheduleTimer()
        }
    }
}
