import Foundation

/// Why a plan or a waiting request did not fly: the answer names the real cause.
package enum Interruption: Sendable, Equatable, CustomStringConvertible {
    /// `emergency` or `stop` (the action's name).
    case urgent(String)
    /// `disconnect_drone` while a plan ran.
    case droneDisconnected
    /// The agent is shutting down (SIGINT/SIGTERM).
    case shutdown

    /// The text a cancelled plan or a dropped request is answered with.
    package var text: AgentText {
        switch self {
        case .urgent: .planCancelled
        case .droneDisconnected: .cancelledByDisconnect
        case .shutdown: .cancelledByShutdown
        }
    }

    package var description: String {
        switch self {
        case .urgent(let action): action
        case .droneDisconnected: "disconnect_drone"
        case .shutdown: "shutdown"
        }
    }
}

/// The moments after which a request admitted earlier must no longer move
/// the drone: an urgent command (`emergency`, `stop`) and shutdown.
///
/// Each request that may fly takes a `Mark` when it arrives; the executor
/// compares it right before flying. So an emergency drops everything that
/// arrived before it and has not started (from every client), while a request
/// sent after it flies normally. `interrupt` is synchronous and lock-based so
/// the read loop records the emergency the moment it reads it, before any
/// task, queue or actor could delay it.
///
/// `@unchecked Sendable`: `epoch`, `latest`, `final` and `endedAt` are only touched under `lock`.
package final class Interruptions: @unchecked Sendable {
    /// When a request was admitted, in interruptions seen so far.
    package struct Mark: Sendable, Equatable {
        fileprivate let epoch: UInt64
    }

    private let lock = NSLock()
    private var epoch: UInt64 = 0
    private var latest: Interruption?
    private var final: Interruption?
    private var endedAt: UInt64?

    package init() {}

    /// The mark a request arriving now takes.
    package var mark: Mark { lock.withLock { Mark(epoch: epoch) } }

    /// Records an interruption: every mark taken before it is interrupted.
    /// Returns the first mark after it.
    @discardableResult
    package func interrupt(_ why: Interruption) -> Mark {
        lock.withLock {
            epoch += 1
            latest = why
            return Mark(epoch: epoch)
        }
    }

    /// Interrupts every mark, past and future (shutdown: nothing flies any more).
    package func end(_ why: Interruption) {
        lock.withLock {
            epoch += 1
            latest = why
            final = why
            endedAt = epoch
        }
    }

    /// Whether `mark` was taken after `end`: a request that arrived once
    /// everything had ended (shutdown), rather than one waiting since before.
    package func isAfterEnd(_ mark: Mark) -> Bool {
        lock.withLock { endedAt.map { mark.epoch >= $0 } ?? false }
    }

    /// Why a request admitted at `mark` must not fly, or nil if it may.
    package func reason(since mark: Mark) -> Interruption? {
        lock.withLock { final ?? (mark.epoch == epoch ? nil : latest) }
    }
}
