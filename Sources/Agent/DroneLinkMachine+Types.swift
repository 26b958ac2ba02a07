import TelloSDK

/// What the link machine is configured with, and what it tells its owner.
extension DroneLinkMachine {
    package struct Config: Sendable {
        /// A duplicate of a reply arrives at most this long after it: a command
        /// the duplicate could answer is not sent until the guard has passed,
        /// except a move or turn that cannot be flown within it, whose own `ok`
        /// cannot come that soon (an `ok` that does is discarded as a copy). A
        /// duplicate leaves the drone right behind the original, so it
        /// arrives within Wi-Fi jitter (a few ms); 50 ms leaves a margin while
        /// costing back-to-back commands little.
        package var replyGuard: Duration = .milliseconds(50)
        /// Idle time after which a `battery?` keeps the drone from its 15 s
        /// no-command auto-land (docs/tello-sdk.md); a third of the limit.
        package var keepaliveInterval: Duration = .seconds(5)
        /// No datagram at all (replies or the 10 Hz state stream, once seen)
        /// for this long: link lost. Real seconds (the network timeline).
        package var silenceLimit: Duration = .seconds(3)
        /// Reads and settings are repeated at most this often after a timeout.
        package var readRetries = 2
        package var probeAttempts = 3
        /// Unanswered commands in a row that count as a lost link.
        package var timeoutsForLinkLoss = 2
        /// `emergency` (real drones never answer it) and a `stop` that superseded a command
        /// are not waited for; an `ok` within this window (the SDK guide's answer to emergency,
        /// the exact simulator's, the stop's own) is taken as their answer and nothing else is
        /// sent meanwhile.
        package var unansweredWindow: Duration = .seconds(1)
        /// A planted bug (`PlantedBugs.linkRetriesMoves`): moves are retried like reads. Debug builds only.
        package var plantedRetriesMoves = false

        package init() {}
    }

    package enum Outcome: Sendable, Equatable {
        case reply(TelloReply)
        case timedOut
        /// Dropped for an urgent command (`emergency`, `stop`) before its reply came.
        case superseded
        /// Never transmitted: the link is lost (only `emergency` and `command` are still tried).
        case notSent
        /// Sent and not waited for: `emergency` (never answered), or `stop` superseding a command
        /// in flight (its answer cannot be told from that command's).
        case sent
    }

    package enum DiscardReason: String, Sendable {
        /// A reply while nothing was in flight: a duplicate or a late reply.
        case unsolicited
        /// A reply whose shape cannot answer the command in flight (`ok` to a read, a number to a move).
        case mismatched
        /// A copy of an `ok` received just before a move or turn was sent, arriving
        /// sooner than that motion could be flown (`DroneCommand.shortestFlight`).
        case earlyCopy
        /// Any reply before the resynchronisation probe's answer.
        case beforeResync
        /// The answer to an earlier probe (its own reply was lost or is late).
        case staleProbe
        /// `forced stop`: the answer to a move that `stop` cut short.
        case interruptedMotion
        /// An answer to `emergency` (real drones never send one), or to a `stop` that cut a
        /// command short (its `ok` cannot be told from that command's): neither is waited for.
        case urgentAnswer
    }

    package enum Action: Sendable, Equatable {
        /// Send this command: the datagram is its `text`.
        case transmit(TelloCommand)
        case complete(Ticket, Outcome)
        case discard(String, DiscardReason)
        case keepaliveAnswered(TelloReply)
        case linkLost(String)
        case linkRestored
    }
}
