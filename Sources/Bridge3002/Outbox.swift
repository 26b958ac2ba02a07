import Clocks
import PostTransport

/// The outbox as a pure state machine: entries in arrival order, one
/// delivery in flight at a time, retry with backoff. It performs no I/O and
/// reads no clock; the client passes `now` in and carries out the actions,
/// so every policy here is unit-tested on plain values.
///
/// One in flight keeps analyses in order and never loads a recovering
/// backend with a burst of parallel retries.
package struct Outbox: Sendable {
    /// What to do when an analysis arrives and the outbox is full.
    package enum FullPolicy: String, Sendable {
        /// Evict the oldest waiting analysis (the newest is the one a user is looking at).
        case dropOldest = "drop-oldest"
        /// Refuse the new analysis and keep the old ones.
        case dropNewest = "drop-newest"
    }

    /// Exponential backoff without jitter (deterministic for scenarios):
    /// `initial * 2^(attempt-1)`, capped at `maximum`.
    package struct Backoff: Sendable, Equatable {
        package var initial: Duration
        package var maximum: Duration

        package init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30)) {
            self.initial = initial
            self.maximum = maximum
        }

        package func delay(afterAttempt attempt: Int) -> Duration {
            var delay = initial
            for _ in 1..<max(attempt, 1) {
                delay *= 2
                if delay >= maximum { return maximum }
            }
            return min(delay, maximum)
        }
    }

    /// The next thing the delivery loop should do.
    package enum Action: Sendable, Equatable {
        case send(AnalysisEnvelope)
        case wait(until: Duration)
        /// Nothing to send, or a send is already in flight: wait for news.
        case idle
    }

    package let capacity: Int
    package let policy: FullPolicy
    package let backoff: Backoff
    package private(set) var entries: [AnalysisEnvelope]
    package private(set) var inFlight: String?
    private var notBefore: Duration = .zero
    /// A planted bug (`Bridge3002Options.plantedDropsFailedDelivery`). Debug builds only.
    package var plantedDropsFailedDelivery = false

    package init(capacity: Int = 1000, policy: FullPolicy = .dropOldest, backoff: Backoff = Backoff(), restoring entries: [AnalysisEnvelope] = []) {
        precondition(capacity >= 1, "an outbox holds at least one analysis")
        self.capacity = capacity
        self.policy = policy
        self.backoff = backoff
        self.entries = Array(entries.suffix(capacity))
    }

    /// Adds an analysis; returns the one that was given up to make room (the
    /// oldest waiting, or the new one itself), or nil when there was room.
    package mutating func add(_ envelope: AnalysisEnvelope) -> AnalysisEnvelope? {
        guard entries.count >= capacity else {
            entries.append(envelope)
            return nil
        }
        switch policy {
        case .dropNewest:
            return envelope
        case .dropOldest:
            guard let victim = entries.firstIndex(where: { $0.idempotencyKey != inFlight }) else { return envelope }
            let dropped = entries.remove(at: victim)
            entries.append(envelope)
            return dropped
        }
    }

    package mutating func nextAction(now: Duration) -> Action {
        guard inFlight == nil, let head = entries.first else { return .idle }
        if now < notBefore { return .wait(until: notBefore) }
        inFlight = head.idempotencyKey
        entries[0].attempts += 1
        return .send(entries[0])
    }

    /// When the head may be retried, if it is waiting out a backoff at `now`.
    package func retryTime(now: Duration) -> Duration? {
        guard inFlight == nil, !entries.isEmpty, now < notBefore else { return nil }
        return notBefore
    }

    /// Records how the in-flight delivery ended and schedules what follows.
    package mutating func complete(_ key: String, _ disposition: PostOutcome.Disposition, now: Duration) {
        guard inFlight == key else { return }
        inFlight = nil
        guard let index = entries.firstIndex(where: { $0.idempotencyKey == key }) else { return }
        switch disposition {
        case .delivered:
            entries.remove(at: index)
            notBefore = .zero
        case .retry:
            #if DEBUG
                if plantedDropsFailedDelivery {
                    entries.remove(at: index)
                    return
                }
            #endif
            notBefore = now + backoff.delay(afterAttempt: entries[index].attempts)
        }
    }

    package var count: Int { entries.count }
}
