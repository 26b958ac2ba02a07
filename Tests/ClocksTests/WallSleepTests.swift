import Clocks
import Testing
import TestSupport

/// A cancelled wall-clock sleep lets go of its timer (and everything the timer
/// holds) when it returns, not at its original deadline: servers race every
/// read and write against a long timeout, and a cancelled race per request must
/// not leave a timer behind for a minute.
@Suite struct WallSleepTests {
    /// Sleeps for an hour in a child task, cancels it, and returns a weak
    /// reference to the sleep: only the timer could still hold it.
    private func cancelledHourLongSleep() async throws -> () -> Bool {
        let sleep = WallSleep()
        let task = Task { try await sleep.wait(for: .seconds(3600)) }
        try await eventually("the sleep armed", within: 5) { sleep.isWaiting }
        task.cancel()
        let outcome = await task.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        return { [weak sleep] in sleep != nil }
    }

    @Test func aCancelledSleepReturnsAtOnceAndItsTimerIsLetGo() async throws {
        let stillHeld = try await cancelledHourLongSleep()
        try await eventually("the cancelled sleep's timer let go", within: 5) { !stillHeld() }
    }

    @Test func aSleepCancelledBeforeItStartsThrowsAtOnce() async throws {
        let sleep = WallSleep()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await sleep.wait(for: .seconds(3600))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func aSleepReturnsWhenItsTimeHasCome() async throws {
        let sleep = WallSleep()
        let start = ContinuousClock.now
        try await sleep.wait(for: .milliseconds(20))
        #expect(ContinuousClock.now - start >= .milliseconds(20))
    }
}
