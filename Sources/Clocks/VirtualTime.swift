/// Time that moves only when told to: the clock of tests and scenarios.
///
/// `advance(to:)` resumes every sleeper whose deadline has been reached, in
/// deadline order and, for equal deadlines, in the order they went to sleep,
/// so a run is reproducible. Because resumed tasks then run on the
/// cooperative pool, a driver that needs strict ordering advances one
/// deadline at a time (`advanceToNextDeadline()`) and lets the system settle
/// in between.
///
/// `@unchecked Sendable`: all mutable state is guarded by `lock`, and
/// continuations are resumed outside it.
public final class VirtualTime: TimeSource, @unchecked Sendable {
    private struct Sleeper {
        let id: UInt64
        let deadline: Duration
        let wake: Wake
    }

    /// A sleeping task, or work scheduled on the clock without a task (a
    /// datagram an in-memory network delivers later).
    private enum Wake {
        case task(CheckedContinuation<Void, any Error>)
        case action(@Sendable () -> Void)

        func fire() {
            switch self {
            case .task(let continuation): continuation.resume()
            case .action(let action): action()
            }
        }
    }

    private let lock = Condition()
    private var current: Duration
    private var sleepers: [Sleeper] = []
    private var nextID: UInt64 = 0

    public init(start: Duration = .zero) {
        current = start
    }

    public var now: Duration {
        lock.withLock { current }
    }

    /// The earliest deadline anyone is waiting for, or nil when nobody sleeps.
    public var nextDeadline: Duration? {
        lock.withLock { sleepers.map(\.deadline).min() }
    }

    /// How many tasks are asleep on this clock (and scheduled actions waiting).
    public var sleeperCount: Int {
        lock.withLock { sleepers.count }
    }

    public func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // A cancellation that arrived after the check above but before
                // this point already ran `onCancel`, which found no sleeper to
                // wake: registering now would sleep until the deadline (for
                // ever, on a clock nobody moves). The flag is set before
                // `onCancel` runs, so looking at it under the lock closes the gap.
                let outcome: Result<Bool, CancellationError> = lock.withLock {
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= current { return .success(true) }
                    sleepers.append(Sleeper(id: id, deadline: deadline, wake: .task(continuation)))
                    return .success(false)
                }
                switch outcome {
                case .failure(let cancelled): continuation.resume(throwing: cancelled)
                case .success(true): continuation.resume()
                case .success(false): break
                }
            }
        } onCancel: {
            let cancelled: CheckedContinuation<Void, any Error>? = lock.withLock {
                guard let index = sleepers.firstIndex(where: { $0.id == id }),
                      case .task(let continuation) = sleepers.remove(at: index).wake else { return nil }
                return continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Runs `action` when the clock reaches `deadline`, in the same order as
    /// sleepers (deadline, then the order they were scheduled), on the thread
    /// that advances the clock. A deadline already reached runs it now, on
    /// the caller's thread. For work that needs no task of its own: a
    /// delivery an in-memory network makes later is a timer like any other,
    /// so `nextDeadline` shows it and a driver jumps to it.
    public func schedule(at deadline: Duration, _ action: @escaping @Sendable () -> Void) {
        let due: Bool = lock.withLock {
            guard deadline > current else { return true }
            nextID += 1
            sleepers.append(Sleeper(id: nextID, deadline: deadline, wake: .action(action)))
            return false
        }
        if due { action() }
    }

    /// Moves time forward by `duration` and wakes whoever is due.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "virtual time never goes backwards")
        advance(to: now + duration)
    }

    /// Moves time to `instant` (never backwards) and wakes whoever is due,
    /// earliest deadline first, ties in the order they went to sleep.
    public func advance(to instant: Duration) {
        let due: [Sleeper] = lock.withLock {
            if instant > current { current = instant }
            let ready = sleepers.filter { $0.deadline <= current }
            sleepers.removeAll { $0.deadline <= current }
            return ready.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
        }
        for sleeper in due { sleeper.wake.fire() }
    }

    /// Jumps to the earliest pending deadline and wakes exactly the sleepers
    /// due then. Returns the new time, or nil (and does nothing) if nobody sleeps.
    @discardableResult
    public func advanceToNextDeadline() -> Duration? {
        guard let next = nextDeadline else { return nil }
        advance(to: next)
        return next
    }
}
