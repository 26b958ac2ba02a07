import Clocks
import Foundation
import Lifetimes
import TestSupport
import Testing

@Suite struct DeadlineTimerTests {
    @Test func firesOnceAtTheArmedDeadlineAndNotForAReplacedOne() async throws {
        let time = VirtualTime()
        let timer = DeadlineTimer()
        let fired = Fired()
        try await running(timer, on: time, fired) {
            timer.arm(.seconds(5))
            try await until { time.nextDeadline == .seconds(5) }
            // Moved later before it rang: the 5 s deadline must not fire.
            timer.arm(.seconds(8))
            try await until { time.nextDeadline == .seconds(8) && time.sleeperCount == 1 }
            time.advance(to: .seconds(7))
            #expect(fired.times.isEmpty)
            time.advance(to: .seconds(8))
            try await until { fired.times == [.seconds(8)] }
            #expect(timer.armed == nil, "a deadline fires once")
        }
    }

    @Test func anEarlierDeadlineWakesTheSleeperAndNoneDisarms() async throws {
        let time = VirtualTime()
        let timer = DeadlineTimer()
        let fired = Fired()
        try await running(timer, on: time, fired) {
            timer.arm(.seconds(10))
            try await until { time.nextDeadline == .seconds(10) }
            timer.arm(.seconds(2))
            try await until { time.nextDeadline == .seconds(2) && time.sleeperCount == 1 }
            time.advance(to: .seconds(2))
            try await until { fired.times == [.seconds(2)] }
            timer.arm(.seconds(3))
            try await until { time.nextDeadline == .seconds(3) }
            timer.arm(nil)
            try await until { time.sleeperCount == 0 }
            time.advance(to: .seconds(20))
            #expect(fired.times == [.seconds(2)])
        }
    }

    /// Runs the timer as a child task for `body`, then cancels it and awaits its end.
    private func running(_ timer: DeadlineTimer, on time: VirtualTime, _ fired: Fired,
                         _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await timer.run(on: time) { fired.add(time.now) } }
            defer { group.cancelAll() }
            try await body()
            group.cancelAll()
            try await group.waitForAll()
        }
    }
}

/// `@unchecked Sendable`: `stored` is only touched under `lock`.
private final class Fired: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Duration] = []
    func add(_ time: Duration) { lock.withLock { stored.append(time) } }
    var times: [Duration] { lock.withLock { stored } }
}
