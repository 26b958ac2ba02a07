import Dispatch
import Synchronization

/// One sleep on the wall clock whose timer goes the moment the sleeping task
/// is cancelled. `Task.sleep` keeps a cancelled sleep's timer, and the task it
/// would have woken, until the original deadline: a server that races every
/// read and write against a 60 s timeout then holds two timers for 60 s per
/// request (about 1 KiB each, hundreds of MiB under a keep-alive flood).
///
/// The timer's handler holds the sleep; cancelling the timer releases both,
/// so a cancelled sleep costs nothing once it has returned.
package final class WallSleep: Sendable {
    /// `@unchecked Sendable`: a dispatch source may be cancelled from any thread
    /// (libdispatch makes `cancel` thread-safe); nothing else is done with it here.
    private struct Timer: @unchecked Sendable {
        let source: any DispatchSourceTimer
    }

    private struct State {
        var continuation: CheckedContinuation<Void, any Error>?
        var timer: Timer?
        var fired = false
        var cancelled = false
    }

    private let state = Mutex(State())

    package init() {}

    /// A task is parked in `wait` with its timer armed (for tests).
    package var isWaiting: Bool { state.withLock { $0.continuation != nil } }

    /// Returns after `wall`, or throws `CancellationError` as soon as the task is cancelled.
    package func wait(for wall: Duration) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                arm(continuation, after: wall)
            }
        } onCancel: {
            end(cancelled: true)
        }
    }

    private func arm(_ continuation: CheckedContinuation<Void, any Error>, after wall: Duration) {
        // Activated before anyone can cancel it: libdispatch must never release an inactive source.
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler { @Sendable [self] in end(cancelled: false) }
        timer.schedule(deadline: .now() + .nanoseconds(Self.nanoseconds(wall)), leeway: .nanoseconds(0))
        timer.activate()
        let held = Timer(source: timer)
        let outcome: Bool? = state.withLock { state in
            if state.cancelled { return false }
            if state.fired { return true }
            state.continuation = continuation
            state.timer = held
            return nil
        }
        guard let outcome else { return }
        timer.cancel()
        if outcome { continuation.resume() } else { continuation.resume(throwing: CancellationError()) }
    }

    private func end(cancelled: Bool) {
        let (continuation, timer) = state.withLock { state in
            if cancelled { state.cancelled = true } else { state.fired = true }
            defer {
                state.continuation = nil
                state.timer = nil
            }
            return (state.continuation, state.timer)
        }
        timer?.source.cancel()
        if cancelled { continuation?.resume(throwing: CancellationError()) } else { continuation?.resume() }
    }

    /// Whole nanoseconds, at least 0 and at most about 31 years (no overflow on the timer's clock).
    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        guard seconds < 1_000_000_000 else { return 1_000_000_000_000_000_000 }
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}
