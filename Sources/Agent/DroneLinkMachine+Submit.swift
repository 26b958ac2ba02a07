import TelloSDK

/// Submitting commands, and what is urgent about `emergency` and `stop`.
///
/// Why an urgent command may go unanswered: real drones never answer `emergency`
/// (the SDK guide's `ok` notwithstanding), and a `stop` that cuts a command short is
/// answered `ok` just like that command would have been, so neither answer can be
/// attributed; both are sent, completed as `.sent`, and a stray answer within
/// `Config.unansweredWindow` is absorbed. A resync follows whenever a command was cut short.
extension DroneLinkMachine {
    /// Queues `command`; an urgent one (`emergency`, `stop`) goes out at once,
    /// superseding whatever is in flight and everything queued.
    package mutating func submit(_ command: DroneCommand, now: Duration) -> (Ticket, [Action]) {
        nextTicket += 1
        let ticket = nextTicket
        var actions: [Action] = []
        if !linkUp, command.kind != .urgent, command.kind != .sdkMode {
            return (ticket, [.complete(ticket, .notSent)])
        }
        if command.kind == .urgent {
            if case .command(let running, _, _, _) = slot { actions.append(.complete(running, .superseded)) }
            if let pending = pendingSDKMode { actions.append(.complete(pending, .superseded)) }
            pendingSDKMode = nil
            actions += queue.map { .complete($0.ticket, .superseded) }
            queue.removeAll()
            // The superseded command's reply may still come: resync after the urgent one.
            // Its `ok` cannot be told from the urgent one's, so the urgent one is not
            // waited for: sent, absorbed if answered, and the resync proves the link in step.
            if slot != .idle {
                needsResync = true
                unansweredTicket = ticket
            }
            slot = .idle
            queue.append((ticket, command, 0))
            // `stop` is answered `ok`: it waits out the reply guard like anything else, or a
            // duplicate `ok` of the last reply would be taken for its answer (at most 50 ms).
            actions += pump(now: now)
        } else {
            queue.append((ticket, command, 0))
            actions += pump(now: now)
        }
        return (ticket, actions)
    }

    /// A read's answer (a number, a serial...), not `ok` or an error.
    func isValue(_ reply: TelloReply) -> Bool {
        if case .value = reply { return true }
        return false
    }
}

extension DroneLinkMachine {
    /// `command.isRetryable`, unless a planted bug says otherwise (debug builds only).
    func isRetryable(_ command: DroneCommand) -> Bool {
        #if DEBUG
            if config.plantedRetriesMoves, command.kind == .movement { return true }
        #endif
        return command.isRetryable
    }
}
