import Foundation

/// A one-way gate: shut until `open()`, then open for good. Any number of
/// tasks wait on it; a waiting task that is cancelled stops waiting, so a
/// wait never outlives the task that owns it.
///
/// `@unchecked Sendable`: `opened`, `waiters` and `nextID` are only touched
/// under `lock`; continuations are resumed outside it.
package final class Latch: @unchecked Sendable {
    private let lock = NSLock()
    private var opened = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextID: UInt64 = 0

    package init() {}

    package var isOpen: Bool { lock.withLock { opened } }

    /// Opens the gate and wakes every waiter; opening twice is harmless.
    package func open() {
        let woken: [CheckedContinuation<Void, Never>] = lock.withLock {
            guard !opened else { return [] }
            opened = true
            defer { waiters = [:] }
            // In the order they came, never the dictionary's (seeded per process): a replayed run wakes them alike.
            return waiters.sorted { $0.key < $1.key }.map(\.value)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns once the gate is open, or once the calling task is cancelled
    /// (the caller tells which by `isOpen` or `Task.isCancelled`).
    package func wait() async {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now: Bool = lock.withLock {
                    if opened || Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            lock.withLock { waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
