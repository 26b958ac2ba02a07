import Clocks
import Testing
import TestSupport

@Suite struct VirtualTimeTests {
    @Test func startsWhereToldAndOnlyMovesForward() {
        let time = VirtualTime(start: .seconds(5))
        #expect(time.now == .seconds(5))
        time.advance(to: .seconds(3))
        #expect(time.now == .seconds(5))
        time.advance(by: .milliseconds(250))
        #expect(time.now == .milliseconds(5250))
    }

    @Test func sleeperWakesOnlyWhenItsDeadlineIsReached() async throws {
        let time = VirtualTime()
        let woke = Flag()
        let task = Task {
            try await time.sleep(until: .seconds(10))
            await woke.set()
        }
        try await waitForSleepers(time, count: 1)
        time.advance(to: .seconds(9))
        #expect(time.sleeperCount == 1)
        #expect(await woke.value == false)
        time.advance(to: .seconds(10))
        try await task.value
        #expect(await woke.value)
        #expect(time.sleeperCount == 0)
    }

    @Test func pastDeadlineReturnsAtOnce() async throws {
        let time = VirtualTime(start: .seconds(2))
        try await time.sleep(until: .seconds(1))
        try await time.sleep(for: .zero)
        #expect(time.sleeperCount == 0)
    }

    @Test func cancellationResumesExactlyTheCancelledSleeper() async throws {
        let time = VirtualTime()
        let first = Task { try await time.sleep(until: .seconds(1)) }
        let second = Task { try await time.sleep(until: .seconds(2)) }
        try await waitForSleepers(time, count: 2)
        first.cancel()
        await #expect(throws: CancellationError.self) { try await first.value }
        #expect(time.sleeperCount == 1)
        #expect(time.nextDeadline == .seconds(2))
        time.advance(to: .seconds(2))
        try await second.value
    }

    @Test func advanceToNextDeadlineWakesInDeadlineOrder() async throws {
        let time = VirtualTime()
        let order = Recorder()
        var tasks: [Task<Void, any Error>] = []
        for deadline in [3, 1, 2] {
            tasks.append(Task {
                try await time.sleep(until: .seconds(deadline))
                await order.append(deadline)
            })
        }
        try await waitForSleepers(time, count: 3)
        var seen: [Int] = []
        while let next = time.advanceToNextDeadline() {
            let expected = Int(next.components.seconds)
            let want = seen.count + 1
            try await eventually("\(want) wake-ups") { await order.values.count == want }
            seen.append(expected)
            #expect(await order.values == seen)
        }
        for task in tasks { try await task.value }
        #expect(seen == [1, 2, 3])
        #expect(time.advanceToNextDeadline() == nil)
    }

    @Test func durationHelpers() {
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.seconds(2).milliseconds == 2000)
        #expect(Duration.microseconds(2500).milliseconds == 2)
    }
}

@Suite struct SystemTimeTests {
    @Test func isMonotonicAndScaled() async throws {
        let fast = SystemTime(scale: 1000)
        let before = fast.now
        try await fast.sleep(for: .seconds(1))  // one millisecond of wall time
        #expect(fast.now - before >= .seconds(1))
    }
}

private actor Flag {
    var value = false
    func set() { value = true }
}

private actor Recorder {
    var values: [Int] = []
    func append(_ v: Int) { values.append(v) }
}

private func waitForSleepers(_ time: VirtualTime, count: Int) async throws {
    try await eventually("\(count) sleepers") { time.sleeperCount == count }
}
