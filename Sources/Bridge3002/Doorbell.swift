import Foundation

/// Wakes the delivery loop: `ring()` from anywhere, `wait()` in the loop.
/// A ring with nobody waiting is remembered once, so no wake-up is lost
/// between deciding to wait and waiting.
///
/// Only `ring()` ever marks a ring. A cancelled `wait()` resumes exactly its
/// own waiter and neither leaves a ring behind (the next wait would return
/// at once for nothing, and a loop that waits in turns would spin) nor
/// swallows a pending one (the next wait would miss real news).
///
/// `@unchecked Sendable`: `waiter`, `rung` and `nextID` are only touched under
/// `lock`; the continuation is resumed outside it.
final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
    private var rung = false
    private var nextID: UInt64 = 0

    /// A ring is waiting for the next `wait()` (for tests).
    var hasPendingRing: Bool { lock.withLock { rung } }
    /// Someone is parked in `wait()` (for tests).
    var hasWaiter: Bool { lock.withLock { waiter != nil } }

    func ring() {
        let toResume: CheckedContinuation<Void, Never>? = lock.withLock {
            guard let parked = waiter else {
                rung = true
                return nil
            }
            waiter = nil
            return parked.continuation
        }
        toResume?.resume()
    }

    /// Forgets a pending ring. The loop calls this just before it reads the
    /// outbox: whatever a ring so far announced is in what it reads, so the
    /// ring would only cost one more turn that changes nothing.
    func clear() {
        lock.withLock { rung = false }
    }

    /// Returns at the next ring (or at once if one is pending), or when the task is cancelled.
    func wait() async {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = lock.withLock {
                    // Cancelled first: a pending ring stays for whoever waits next.
                    if Task.isCancelled { return true }
                    if rung {
                        rung = false
                        return true
                    }
                    waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let mine: CheckedContinuation<Void, Never>? = lock.withLock {
                guard let parked = waiter, parked.id == id else { return nil }
                waiter = nil
                return parked.continuation
            }
            mine?.resume()
        }
    }
}
