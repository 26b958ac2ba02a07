import Clocks
import Foundation

/// One timer for a deadline that moves: the owner `arm`s the next deadline
/// (or none) whenever its state machine says so, and runs `run` as one child
/// task, which sleeps until the armed deadline and then calls `fire`. A
/// re-armed deadline wakes the sleeper at once; nothing is started per
/// deadline, so no timer task outlives its owner or fires for a deadline
/// that was replaced.
///
/// `@unchecked Sendable`: `deadline` and `changed` are only touched under
/// `lock`.
package final class DeadlineTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var deadline: Duration?
    /// Opened (and replaced) whenever `deadline` changes.
    private var changed = Latch()

    package init() {}

    /// The deadline the timer sleeps until, if any.
    package var armed: Duration? { lock.withLock { deadline } }

    /// Sets the next deadline (nil: none); the sleeper re-reads it at once.
    package func arm(_ next: Duration?) {
        let previous: Latch? = lock.withLock {
            guard deadline != next else { return nil }
            deadline = next
            defer { changed = Latch() }
            return changed
        }
        previous?.open()
    }

    /// Until the calling task is cancelled: sleeps on `time` until the armed
    /// deadline, disarms it and calls `fire`.
    package func run(on time: any TimeSource, fire: @Sendable () async -> Void) async {
        while !Task.isCancelled {
            let (armed, change) = lock.withLock { (deadline, changed) }
            let due = await withTaskGroup(of: Bool.self) { group in
                if let armed { group.addTask { (try? await time.sleep(until: armed)) != nil } }
                group.addTask {
                    await change.wait()
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            let firing: Bool = lock.withLock {
                guard due, deadline == armed else { return false }
                deadline = nil
                changed = Latch()
                return true
            }
            if firing { await fire() }
        }
    }
}
