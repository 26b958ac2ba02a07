import Clocks
import Foundation
import Testing
import TestSupport

/// A sleep cancelled while it is going to sleep must end, not stay asleep
/// until its deadline: a task group that cancels its timer child (a read
/// that won the race against its timeout) waits for that child, and on a
/// virtual clock nobody may move, it would wait for ever.
@Suite struct VirtualTimeCancellationTests {
    /// A flag set from one thread and polled from another.
    /// `@unchecked Sendable`: `value` is only touched under `lock`.
    final class Signal: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    /// The shape of a read racing its timeout: the read child wins at once,
    /// the group cancels the timer child, which may be just going to sleep.
    /// Four such loops run side by side so the pool's threads are contended,
    /// as on a loaded machine, where the gap was hit.
    @Test func aTimerChildCancelledByItsGroupEnds() async {
        let stranded = await withTaskGroup(of: Int.self) { loops in
            for _ in 0..<4 { loops.addTask { await self.raceTimerChildren(rounds: 2_500) } }
            return await loops.reduce(0, +)
        }
        #expect(stranded == 0, "timer children left asleep after their cancellation: \(stranded) of 10000")
    }

    /// Rounds of a group whose first child wins at once and whose timer child
    /// is cancelled; returns how many timer children stayed asleep.
    func raceTimerChildren(rounds: Int) async -> Int {
        let time = VirtualTime()
        var stranded = 0
        for _ in 0..<rounds {
            let cancelled = Signal(), ended = Signal()
            let group = Task {
                await withTaskGroup(of: Bool.self) { group in
                    group.addTask { true }
                    group.addTask { (try? await time.sleep(until: time.now + .seconds(10))) != nil }
                    _ = await group.next()
                    group.cancelAll()
                    cancelled.set()
                }
                ended.set()
            }
            if await stranding(time, cancelled: cancelled, until: ended) {
                stranded += 1
                time.advance(by: .seconds(10))
            }
            await group.value
        }
        return stranded
    }

    /// True if the cancelled sleep is still asleep on the clock: it did not
    /// end within 2 s of wall time after its cancellation was issued and a
    /// sleeper is registered. A slow machine that has not yet run the task
    /// is waited for, not counted.
    func stranding(_ time: VirtualTime, cancelled: Signal, until ended: Signal) async -> Bool {
        while await !waitUntil({ cancelled.isSet || ended.isSet }) {}
        while await !waitUntil({ ended.isSet }) {
            if time.sleeperCount > 0 { return true }
        }
        return false
    }

    /// Whether `condition` holds within 2 s of wall time.
    func waitUntil(_ condition: () -> Bool) async -> Bool {
        (try? await eventually("the signal", within: 2, condition)) != nil
    }
}
