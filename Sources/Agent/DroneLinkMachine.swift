/// The Tello command link as a pure state machine: one command in flight,
/// per-command timeouts, no automatic repeat of anything that moves, a
/// resynchronisation probe after every unanswered command, keepalive and
/// link-loss detection. It does no I/O and reads no clock: the owner
/// (`DroneLink`) feeds it events with the current time and performs the
/// actions it returns, so every interleaving is testable with plain values.
///
/// Why the probe: replies carry no sequence number, so after command N goes
/// unanswered its reply may still arrive while N+1 is in flight and would be
/// read as N+1's (the classic client bug, tello-sdk.md). Before anything else
/// is sent after a timeout, the machine sends a probe, a read whose answer no
/// other command produces, and discards every reply until the answer to the
/// probe in flight arrives. Consecutive probes differ (`sn?`, `time?`,
/// `height?`, `tof?`: see `DroneCommand.probes`), so a late answer to an
/// earlier probe is told apart from the newest one and the link resyncs as
/// soon as the drone answers again. This relies on the drone answering in
/// order, which a Tello does: it runs one command at a time. Duplicates of a reply are caught by the reply guard
/// when they arrive within it, and by shape (a serial or a number never
/// answers a move) otherwise; a late duplicate `ok` after the guard is the one
/// case a client without sequence numbers cannot tell apart.
public struct DroneLinkMachine: Sendable {
    public typealias Ticket = UInt64

    public struct Config: Sendable {
        /// Replies arriving this soon after a completed one are taken as
        /// duplicates: nothing new is sent until the guard has passed. A
        /// duplicate leaves the drone right behind the original, so it
        /// arrives within Wi-Fi jitter (a few ms); 50 ms leaves a margin while
        /// costing back-to-back commands little.
        public var replyGuard: Duration = .milliseconds(50)
        /// Idle time after which a `battery?` keeps the drone from its 15 s
        /// no-command auto-land (tello-sdk.md); a third of the limit.
        public var keepaliveInterval: Duration = .seconds(5)
        /// No datagram at all (replies or the 10 Hz state stream, once seen) for this long: link lost.
        public var silenceLimit: Duration = .seconds(3)
        /// Reads and settings are repeated at most this often after a timeout.
        public var readRetries = 2
        public var probeAttempts = 3
        /// Unanswered commands in a row that count as a lost link.
        public var timeoutsForLinkLoss = 2

        public init() {}
    }

    public enum Outcome: Sendable, Equatable {
        case reply(DroneReply)
        case timedOut
        /// Dropped for an urgent command (`emergency`, `stop`) before its reply came.
        case superseded
        /// Never transmitted: the link is lost (only `emergency` and `command` are still tried).
        case notSent
    }

    public enum DiscardReason: String, Sendable {
        /// A reply while nothing was in flight: a duplicate or a late reply.
        case unsolicited
        /// A reply whose shape cannot answer the command in flight (`ok` to a read, a number to a move).
        case mismatched
        /// Any reply before the resynchronisation probe's answer.
        case beforeResync
        /// The answer to an earlier probe (its own reply was lost or is late).
        case staleProbe
    }

    public enum Action: Sendable, Equatable {
        case transmit(String)
        case complete(Ticket, Outcome)
        case discard(String, DiscardReason)
        case keepaliveAnswered(DroneReply)
        case linkLost(String)
        case linkRestored
    }

    private enum Slot: Sendable, Equatable {
        case idle
        case command(Ticket, DroneCommand, attempt: Int, deadline: Duration)
        case probe(DroneCommand, attempt: Int, deadline: Duration)
        case keepalive(deadline: Duration)
    }

    public let config: Config
    private var queue: [(ticket: Ticket, command: DroneCommand, attempt: Int)] = []
    private var slot = Slot.idle
    private var nextTicket: Ticket = 0
    private var needsResync = false
    private var quietUntil: Duration = .zero
    private var lastSent: Duration = .zero
    private var lastHeard: Duration?
    private var stateSeen = false
    private var consecutiveTimeouts = 0
    /// Index in `DroneCommand.probes` of the next probe to send.
    private var nextProbe = 0
    public private(set) var linkUp = true
    /// Set once SDK mode is entered; keepalive is pointless before.
    public var keepaliveEnabled = false

    public init(config: Config = Config()) {
        self.config = config
    }

    /// Queues `command`; an urgent one (`emergency`, `stop`) goes out at once,
    /// superseding whatever is in flight and everything queued.
    public mutating func submit(_ command: DroneCommand, now: Duration) -> (Ticket, [Action]) {
        nextTicket += 1
        let ticket = nextTicket
        var actions: [Action] = []
        if !linkUp, command.kind != .urgent, command.kind != .sdkMode {
            return (ticket, [.complete(ticket, .notSent)])
        }
        if command.kind == .urgent {
            if case .command(let running, _, _, _) = slot { actions.append(.complete(running, .superseded)) }
            actions += queue.map { .complete($0.ticket, .superseded) }
            queue.removeAll()
            // The superseded command's reply may still come: resync after the urgent one.
            if slot != .idle { needsResync = true }
            slot = .idle
            queue.append((ticket, command, 0))
            actions += sendNext(now: now)
        } else {
            queue.append((ticket, command, 0))
            actions += pump(now: now)
        }
        return (ticket, actions)
    }

    /// A datagram from the drone's command port.
    public mutating func received(_ raw: String, now: Duration) -> [Action] {
        let reply = DroneReply(raw)
        var actions = heard(now: now)
        consecutiveTimeouts = 0
        let late: DiscardReason? = reply.probeAnswered == nil ? nil : .staleProbe
        switch slot {
        case .idle:
            actions.append(.discard(reply.text, late ?? .unsolicited))
        case .probe(let probe, _, _):
            if reply.fits(probe) {
                needsResync = false
                finish(now: now)
            } else {
                actions.append(.discard(reply.text, late ?? .beforeResync))
            }
        case .keepalive:
            if reply.fits(.battery) {
                actions.append(.keepaliveAnswered(reply))
                finish(now: now)
            } else {
                actions.append(.discard(reply.text, late ?? .mismatched))
            }
        case .command(let ticket, let command, _, _):
            if reply.fits(command) {
                actions.append(.complete(ticket, .reply(reply)))
                finish(now: now)
            } else {
                actions.append(.discard(reply.text, late ?? .mismatched))
            }
        }
        return actions + pump(now: now)
    }

    /// A state line arrived on the state port: proof of life, nothing more.
    public mutating func heardState(now: Duration) -> [Action] {
        stateSeen = true
        return heard(now: now)
    }

    /// Handles every deadline that has passed by `now`; call at `nextDeadline`.
    public mutating func tick(now: Duration) -> [Action] {
        var actions: [Action] = []
        switch slot {
        case .command(let ticket, let command, let attempt, let deadline) where now >= deadline:
            slot = .idle
            needsResync = true
            if command.isRetryable && attempt < config.readRetries {
                queue.insert((ticket, command, attempt + 1), at: 0)
            } else {
                actions.append(.complete(ticket, .timedOut))
            }
            actions += countTimeout(command.text)
        case .probe(let probe, let attempt, let deadline) where now >= deadline:
            // Never give up the resync: a command sent before some probe is
            // answered could take a stale reply. Commands that wait are failed
            // unsent instead, every `probeAttempts` probes, and probing goes on.
            slot = .idle
            actions += countTimeout(probe.text)
            if (attempt + 1) % config.probeAttempts == 0 {
                actions += queue.map { .complete($0.ticket, .notSent) }
                queue.removeAll()
            }
            actions += send(probeAttempt: attempt + 1, now: now)
        case .keepalive(let deadline) where now >= deadline:
            slot = .idle
            needsResync = true
            actions += countTimeout(DroneCommand.battery.text)
        default:
            break
        }
        if linkUp, stateSeen, let lastHeard, now - lastHeard >= config.silenceLimit {
            linkUp = false
            actions.append(.linkLost("no datagram from the drone for \(config.silenceLimit)"))
        }
        return actions + pump(now: now)
    }

    /// The earliest time `tick` has something to do, or nil.
    public var nextDeadline: Duration? {
        var candidates: [Duration] = []
        switch slot {
        case .command(_, _, _, let deadline), .probe(_, _, let deadline), .keepalive(let deadline):
            candidates.append(deadline)
        case .idle:
            if !queue.isEmpty || needsResync {
                candidates.append(quietUntil)
            } else if keepaliveEnabled {
                candidates.append(max(lastSent + config.keepaliveInterval, quietUntil))
            }
        }
        if linkUp, stateSeen, let lastHeard { candidates.append(lastHeard + config.silenceLimit) }
        return candidates.min()
    }

    // MARK: - Internals

    private mutating func heard(now: Duration) -> [Action] {
        lastHeard = now
        guard !linkUp else { return [] }
        linkUp = true
        return [.linkRestored]
    }

    private mutating func finish(now: Duration) {
        slot = .idle
        quietUntil = now + config.replyGuard
    }

    private mutating func countTimeout(_ text: String) -> [Action] {
        consecutiveTimeouts += 1
        guard linkUp, consecutiveTimeouts >= config.timeoutsForLinkLoss else { return [] }
        linkUp = false
        return [.linkLost("\(consecutiveTimeouts) commands unanswered in a row, last: \(text)")]
    }

    /// Sends the next thing if the slot is free and the reply guard has passed.
    private mutating func pump(now: Duration) -> [Action] {
        guard slot == .idle else { return [] }
        guard now >= quietUntil else { return [] }
        if needsResync || !queue.isEmpty { return sendNext(now: now) }
        if keepaliveEnabled, now >= lastSent + config.keepaliveInterval {
            slot = .keepalive(deadline: now + DroneCommand.battery.timeout)
            lastSent = now
            return [.transmit(DroneCommand.battery.text)]
        }
        return []
    }

    /// The probe first if a resync is owed (unless an urgent command waits), else the queue's head.
    private mutating func sendNext(now: Duration) -> [Action] {
        if needsResync, !(queue.first?.command.kind == .urgent) { return send(probeAttempt: 0, now: now) }
        guard let next = queue.first else { return [] }
        queue.removeFirst()
        slot = .command(next.ticket, next.command, attempt: next.attempt, deadline: now + next.command.timeout)
        lastSent = now
        return [.transmit(next.command.text)]
    }

    /// Sends the next probe in the rotation: its answer's shape differs from
    /// the previous probes', so when it comes, every earlier reply has been
    /// received or lost (replies come in order) and the link is in step.
    private mutating func send(probeAttempt: Int, now: Duration) -> [Action] {
        let probe = DroneCommand.probes[nextProbe]
        nextProbe = (nextProbe + 1) % DroneCommand.probes.count
        slot = .probe(probe, attempt: probeAttempt, deadline: now + probe.timeout)
        lastSent = now
        return [.transmit(probe.text)]
    }
}
