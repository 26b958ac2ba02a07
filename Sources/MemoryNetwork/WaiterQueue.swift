import Foundation

/// Some state under a lock, and the callers parked until it gives them a
/// value: what a datagram endpoint's mailbox and a listener's backlog both
/// are. A caller looks at the state and either takes a value at once or parks
/// (`next`), in one critical section, so a value handed over between the look
/// and the park cannot be missed; whoever produces a value hands it to the
/// longest-parked caller or, when nobody waits, stores it (`handOff`).
///
/// `@unchecked Sendable`: `state`, `waiters` and `nextID` are only touched
/// under `lock`; continuations are resumed outside it.
final class WaiterQueue<Value: Sendable, State>: @unchecked Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Value, any Error>
    }

    private let lock = NSLock()
    private var state: State
    private var waiters: [Waiter] = []
    private var nextID: UInt64 = 0

    init(_ state: State) {
        self.state = state
    }

    /// Runs `body` on the state under the lock.
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        try lock.withLock { try body(&state) }
    }

    /// The value `ready` takes from the state at once (or the error it
    /// gives), else the next value handed over; `ready` runs under the lock
    /// and returns nil to park. Cancellation wakes only this caller.
    func next(_ ready: (inout State) -> Result<Value, any Error>?) async throws -> Value {
        try Task.checkCancellation()
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                let result: Result<Value, any Error>? = lock.withLock {
                    // Cancelled between the check and here: `onCancel` found no waiter to wake.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let result = ready(&state) { return result }
                    waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let result { continuation.resume(with: result) }
            }
        } onCancel: {
            let waiter: Waiter? = lock.withLock {
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands `value` to the longest-parked caller (true); with nobody
    /// waiting, `store` decides under the lock whether the state keeps it.
    func handOff(_ value: Value, else store: (inout State) -> Bool) -> Bool {
        let (waiter, taken): (Waiter?, Bool) = lock.withLock {
            if !waiters.isEmpty { return (waiters.removeFirst(), true) }
            return (nil, store(&state))
        }
        waiter?.continuation.resume(returning: value)
        return taken
    }

    /// Runs `body` under the lock (it marks the state closed, so that `next`
    /// parks nobody again), then fails every parked caller with `error`.
    func close<R>(failing error: any Error, _ body: (inout State) -> R) -> R {
        let (result, waiting): (R, [Waiter]) = lock.withLock {
            defer { waiters.removeAll() }
            return (body(&state), waiters)
        }
        for waiter in waiting { waiter.continuation.resume(throwing: error) }
        return result
    }
}
