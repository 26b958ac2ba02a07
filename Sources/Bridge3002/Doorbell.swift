import Foundation

/// Wakes the delivery loop: `ring()` from anywhere, `wait()` in the loop.
/// A ring with nobody waiting is remembered once, so no wake-up is lost
/// between deciding to wait and waiting.
///
/// `@unchecked Sendable`: `waiter` and `rung` are only touched under `lock`;
/// the continuation is resumed outside it.
final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false

    func ring() {
        let toResume: CheckedContinuation<Void, Never>? = lock.withLock {
            guard let w = waiter else {
                rung = true
                return nil
            }
            waiter = nil
            return w
        }
        toResume?.resume()
    }

    /// Returns at the next ring (or at once if one is pending), or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = lock.withLock {
                    if rung || Task.isCancelled {
                        rung = false
                        return true
                    }
                    waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
    }
}
