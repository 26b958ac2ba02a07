import Clocks
import Foundation
import Testing

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

    @Test func aSleepCancelledAtAnyMomentEnds() async {
        let time = VirtualTime()
        var stranded = 0
        for round in 0..<5_000 {
            let starting = Signal(), cancelled = Signal(), ended = Signal()
            let sleeper = Task {
                starting.set()
                try? await time.sleep(until: time.now + .seconds(3600))
                ended.set()
            }
            // Cancel from another thread a varying moment after the sleep
            // starts, so that some cancellations land while it registers.
            let spins = round % 400
            DispatchQueue.global().async { @Sendable in
                while !starting.isSet {}
                var x = 0
                for i in 0..<spins { x &+= i }
                if x == -1 { print(x) }
                sleeper.cancel()
                cancelled.set()
            }
            if await stranding(time, cancelled: cancelled, until: ended) {
                stranded += 1
                time.advance(by: .seconds(3600))
            }
            await sleeper.value
        }
        #expect(stranded == 0, "sleeps left asleep after their cancellation: \(stranded) of 5000")
    }

    /// The shape of a read racing its timeout: the read child wins at once,
    /// the group cancels the timer child, which may be just going to sleep.
    @Test func aTimerChildCancelledByItsGroupEnds() async {
        let time = VirtualTime()
        var stranded = 0
        for _ in 0..<20_000 {
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
        #expect(stranded == 0, "timer children left asleep after their cancellation: \(stranded) of 20000")
    }

    /// True if the cancelled sleep is still asleep on the clock: it did not
    /// end within 2 s of wall time after its cancellation was issued and a
    /// sleeper is registered. A slow machine that has not yet run the task,
    /// or the thread that cancels it, is waited for, not counted.
    func stranding(_ time: VirtualTime, cancelled: Signal, until ended: Signal) async -> Bool {
        while await !waitUntil({ cancelled.isSet || ended.isSet }) {}
        while await !waitUntil({ ended.isSet }) {
            if time.sleeperCount > 0 { return true }
        }
        return false
    }

    /// Polls `condition` for up to 2 s of wall time.
    func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .microseconds(50))
        }
        return condition()
    }
}
