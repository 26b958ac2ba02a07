import Clocks
import Foundation
import Testing

/// Work scheduled on the clock without a task: it runs in deadline order,
/// ties in the order scheduled, when the clock gets there.
@Suite struct VirtualTimeScheduleTests {
    /// Appends from whichever thread advances the clock.
    final class Log: @unchecked Sendable {  // `entries` only under `lock`
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    @Test func scheduledActionsRunInDeadlineThenSchedulingOrder() {
        let time = VirtualTime()
        let log = Log()
        time.schedule(at: .seconds(2)) { log.add("b") }
        time.schedule(at: .seconds(1)) { log.add("a") }
        time.schedule(at: .seconds(2)) { log.add("c") }
        #expect(time.nextDeadline == .seconds(1))
        #expect(time.sleeperCount == 3)
        time.advance(to: .milliseconds(1500))
        #expect(log.all == ["a"])
        time.advance(to: .seconds(2))
        #expect(log.all == ["a", "b", "c"])
        #expect(time.nextDeadline == nil)
    }

    @Test func aDeadlineAlreadyReachedRunsAtOnce() {
        let time = VirtualTime(start: .seconds(5))
        let log = Log()
        time.schedule(at: .seconds(5)) { log.add("now") }
        #expect(log.all == ["now"])
        #expect(time.sleeperCount == 0)
    }

    @Test func anActionMayScheduleAnotherThatTheNextAdvanceRuns() {
        let time = VirtualTime()
        let log = Log()
        time.schedule(at: .seconds(1)) {
            log.add("first")
            time.schedule(at: .seconds(3)) { log.add("second") }
        }
        time.advanceToNextDeadline()
        #expect(time.nextDeadline == .seconds(3))
        time.advanceToNextDeadline()
        #expect(log.all == ["first", "second"])
    }
}
