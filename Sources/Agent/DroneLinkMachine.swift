import TelloSDK

/// The Tello command link as a pure state machine: one command in flight,
/// per-command timeouts, no automatic repeat of anything that moves, a
/// resynchronisation probe after every unanswered command, SDK-mode
/// re-entry for a drone that restarted, keepalive and link-loss detection. It does no I/O and reads no clock: the owner
/// (`DroneLink`) feeds it events with the current time and performs the
/// actions it returns, so every interleaving is testable with plain values.
///
/// Why the probe: replies carry no sequence number, so after command N goes
/// unanswered its reply may still arrive while N+1 is in flight and would be
/// read as N+1's (the classic client bug, docs/tello-sdk.md). Before anything else
/// is sent after a timeout, the machine sends a probe, a read whose answer no
/// other command produces, and discards every reply until the answer to the
/// probe in flight arrives. Consecutive probes differ (`sn?`, `time?`,
/// `height?`, `tof?`: see `DroneCommand.probes`), so a late answer to an
/// earlier probe is told apart from the newest one and the link resyncs as
/// soon as the drone answers again. This relies on the drone answering in
/// order, which a Tello does: it runs one command at a time. Duplicates of a reply are caught by the reply guard
/// when they arrive within it (a command one could answer waits it out; a move
/// or turn that cannot be flown within it goes at once and discards an `ok`
/// arriving before it could be done), and by shape (a serial or a number never
/// answers a move) otherwise; a late duplicate `ok` after the guard is the one
/// case a client without sequence numbers cannot tell apart.
package struct DroneLinkMachine: Sendable {
    package typealias Ticket = UInt64

    enum Slot: Sendable, Equatable {
        case idle
        case command(Ticket, DroneCommand, attempt: Int, deadline: Duration)
        case probe(DroneCommand, deadline: Duration)
        /// `command` sent while a resync is owed: its `ok` cannot be told from
        /// a late one, so only the answer to the probe after it counts.
        case reentry(deadline: Duration)
        case keepalive(deadline: Duration)
        /// A command the drone does not answer (`emergency`) was sent; until the deadline a
        /// stray answer to it is absorbed rather than taken for the next command's.
        case unanswered(deadline: Duration)
    }

    package let config: Config
    var queue: [(ticket: Ticket, command: DroneCommand, attempt: Int)] = []
    var slot = Slot.idle
    var nextTicket: Ticket = 0
    var needsResync = false
    /// An urgent command that superseded one in flight: sent without waiting for an answer.
    var unansweredTicket: Ticket?
    /// Replies received within the reply guard, each with the end of its guard:
    /// until then a duplicate of it may still come.
    private var recentReplies: [(reply: TelloReply, until: Duration)] = []
    var lastSent: Duration = .zero
    /// On the network timeline (see `tick`).
    var lastHeard: Duration?
    var stateSeen = false
    var consecutiveTimeouts = 0
    /// Index in `DroneCommand.probes` of the next probe to send.
    var nextProbe = 0
    /// Probes unanswered since the last resync.
    var unansweredProbes = 0
    /// A probe went unanswered while SDK mode is held: `command` goes before the next one.
    var reentryOwed = false
    /// A caller's `command` sent as a re-entry: it is answered when the probe after it is.
    var pendingSDKMode: Ticket?
    package internal(set) var linkUp = true
    /// The owner has entered SDK mode and wants it kept: keepalive runs, and
    /// when probes go unanswered the link sends `command` again, because a
    /// drone that restarted (battery swap, power cycle) has left SDK mode and
    /// answers nothing else.
    package var holdsSDKMode = false
    /// What keeps an idle drone from its no-command auto-land: `battery?` on SDK 2.0,
    /// `keepalive` on a drone that speaks SDK 3.0. Set to `sdk?` to have the first
    /// keepalive's answer choose (`DroneCommand.keepalive(forSDK:)`).
    package var keepaliveCommand = DroneCommand.battery

    package init(config: Config = Config()) {
        self.config = config
    }

    /// A datagram from the drone's command port.
    /// `network` is the time on the network timeline (see `tick`), `now` if omitted.
    package mutating func received(_ raw: String, now: Duration, network: Duration? = nil) -> [Action] {
        let reply = TelloReply(text: raw)
        var actions = heard(network: network ?? now)
        if reply.isForcedStop {
            consecutiveTimeouts = 0
            return actions + [.discard(reply.text, .interruptedMotion)] + pump(now: now)
        }
        // Taken or discarded, a reply may be followed by its duplicate.
        recentReplies.removeAll { $0.until <= now }
        let copiesEarlierOK = isEarlyCopy(reply)
        recentReplies.append((reply, now + config.replyGuard))
        consecutiveTimeouts = 0
        let late: DiscardReason? = reply.probeAnswered == nil ? nil : .staleProbe
        switch slot {
        case .idle:
            actions.append(.discard(reply.text, late ?? .unsolicited))
        case .unanswered:
            if isValue(reply) {
                actions.append(.discard(reply.text, late ?? .mismatched))
            } else {
                actions.append(.discard(reply.text, .urgentAnswer))
                finish()
            }
        case .probe(let probe, _):
            if reply.fits(probe) {
                actions += resynced()
            } else {
                actions.append(.discard(reply.text, late ?? .beforeResync))
            }
        case .reentry:
            if reply == .ok {
                finish()  // the probe follows: a resync is still owed
            } else {
                actions.append(.discard(reply.text, late ?? .beforeResync))
            }
        case .keepalive:
            if reply.fits(keepaliveCommand) {
                actions.append(.keepaliveAnswered(reply))
                if keepaliveCommand == .sdkVersion { keepaliveCommand = DroneCommand.keepalive(forSDK: reply) }
                finish()
            } else {
                actions.append(.discard(reply.text, late ?? .mismatched))
            }
        case .command(_, _, _, _) where copiesEarlierOK:
            actions.append(.discard(reply.text, .earlyCopy))
        case .command(let ticket, let command, _, _):
            if reply.fits(command) {
                actions.append(.complete(ticket, .reply(reply)))
                finish()
                if reply.isBusy {
                    // Refused, not carried out: the drone is still flying something whose reply
                    // is to come. The probe that must be answered before anything else is sent
                    // is refused the same way until that motion ends, and its reply is in.
                    needsResync = true
                }
            } else {
                actions.append(.discard(reply.text, late ?? .mismatched))
            }
        }
        return actions + pump(now: now)
    }

    /// A state line arrived on the state port: proof of life, nothing more.
    package mutating func heardState(now: Duration, network: Duration? = nil) -> [Action] {
        stateSeen = true
        return heard(network: network ?? now)
    }

    /// Handles every deadline that has passed by `now`; call at `nextDeadline`.
    ///
    /// Two timelines: `now` is the flight's (reply timeouts, keepalive and
    /// the reply guard, which follow the drone's clock and scale with a
    /// simulator's `--time-scale`), `network` the real one for the silence
    /// limit, a promise about the network that does not get shorter because
    /// a simulated flight runs faster. `network` defaults to `now`.
    package mutating func tick(now: Duration, network: Duration? = nil) -> [Action] {
        var actions: [Action] = []
        switch slot {
        case .command(let ticket, let command, let attempt, let deadline) where now >= deadline:
            slot = .idle
            needsResync = true
            if isRetryable(command) && attempt < config.readRetries {
                queue.insert((ticket, command, attempt + 1), at: 0)
            } else {
                actions.append(.complete(ticket, .timedOut))
            }
            actions += countTimeout(command.text)
        case .probe(let probe, let deadline) where now >= deadline:
            slot = .idle
            actions += countTimeout(probe.text)
            actions += probeUnanswered()
        case .reentry(let deadline) where now >= deadline:
            slot = .idle
            actions += countTimeout(DroneCommand.sdkMode.text)
        case .keepalive(let deadline) where now >= deadline:
            slot = .idle
            needsResync = true
            actions += countTimeout(keepaliveCommand.text)
        case .unanswered(let deadline) where now >= deadline:
            slot = .idle  // no answer is the normal case: not a timeout
        default:
            break
        }
        if linkUp, let silenceDeadline, (network ?? now) >= silenceDeadline {
            linkUp = false
            actions.append(.linkLost("no datagram from the drone for \(config.silenceLimit)"))
        }
        return actions + pump(now: now)
    }

    /// When no duplicate of a recent reply can be taken for `command` any more.
    /// A motion that cannot be over within the guard does not wait for a
    /// recent `ok`: a copy of it arrives before the motion could be done and
    /// is discarded as an early copy (`isEarlyCopy`).
    private func guardEnd(for command: DroneCommand) -> Duration {
        guard command.isAnswered else { return .zero }  // `emergency` never waits: no answer to confuse
        let outlastsGuard = command.shortestFlight >= config.replyGuard
        return recentReplies.filter { $0.reply.fits(command) && !(outlastsGuard && $0.reply == .ok) }.map(\.until).max() ?? .zero
    }

    /// An `ok` while a motion that outlasts the guard is in flight, arriving
    /// within the guard of an `ok` received before that motion was sent: a
    /// duplicate, since the motion's own `ok` cannot come before
    /// `lastSent + shortestFlight`, which is after that guard has ended.
    private func isEarlyCopy(_ reply: TelloReply) -> Bool {
        guard reply == .ok, case .command(_, let command, _, _) = slot, command.shortestFlight >= config.replyGuard,
              config.replyGuard > .zero else { return false }
        return recentReplies.contains { $0.reply == .ok && $0.until - config.replyGuard <= lastSent }
    }

    /// The earliest flight time `tick` has something to do, or nil (the
    /// silence limit is on the network timeline: `silenceDeadline`).
    package var nextDeadline: Duration? {
        var candidates: [Duration] = []
        switch slot {
        case .command(_, _, _, let deadline), .probe(_, let deadline), .reentry(let deadline), .keepalive(let deadline),
             .unanswered(let deadline):
            candidates.append(deadline)
        case .idle:
            if let next = nextQueued() {
                candidates.append(guardEnd(for: next))
            } else if holdsSDKMode {
                candidates.append(max(lastSent + config.keepaliveInterval, guardEnd(for: keepaliveCommand)))
            }
        }
        return candidates.min()
    }

    // MARK: - Internals

    mutating func finish() {
        slot = .idle
    }

    /// Sends the next thing if the slot is free and the reply guard has passed.
    ///
    /// Why the guard only sometimes: a duplicate of the last reply arriving
    /// while the next command is in flight is harmless when its shape cannot
    /// answer that command (a number never answers a move, `ok` never a
    /// read, one probe's answer never the next probe): it is discarded as
    /// mismatched. Only a command the duplicate of some recent reply could
    /// answer waits that reply's guard out.
    mutating func pump(now: Duration) -> [Action] {
        guard slot == .idle else { return [] }
        if let next = nextQueued() {
            return now >= guardEnd(for: next) ? sendNext(now: now) : []
        }
        guard holdsSDKMode, now >= lastSent + config.keepaliveInterval, now >= guardEnd(for: keepaliveCommand) else { return [] }
        slot = .keepalive(deadline: now + keepaliveCommand.timeout)  // nothing else to send: the keepalive is due
        lastSent = now
        return [.transmit(keepaliveCommand.command)]
    }

    /// An urgent command first; then, if a resync is owed, `command` (a
    /// caller's, or one owed after an unanswered probe) or the next probe;
    /// else the queue's head.
    mutating func sendNext(now: Duration) -> [Action] {
        if needsResync, queue.first?.command.kind != .urgent {
            if pendingSDKMode == nil, let head = queue.first, head.command.kind == .sdkMode {
                queue.removeFirst()
                pendingSDKMode = head.ticket
                return sendReentry(now: now)
            }
            if reentryOwed { return sendReentry(now: now) }
            return sendProbe(now: now)
        }
        guard let next = queue.first else { return [] }
        queue.removeFirst()
        lastSent = now
        guard next.command.isAnswered, next.ticket != unansweredTicket else {
            unansweredTicket = nil
            slot = .unanswered(deadline: now + config.unansweredWindow)
            return [.transmit(next.command.command), .complete(next.ticket, .sent)]
        }
        slot = .command(next.ticket, next.command, attempt: next.attempt, deadline: now + next.command.timeout)
        return [.transmit(next.command.command)]
    }
}
