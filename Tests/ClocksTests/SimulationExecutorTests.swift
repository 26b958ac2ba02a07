import Clocks
import Foundation
import Testing

/// The executor of simulation runs: idle means every task of the run waits.
@Suite struct SimulationExecutorTests {
    actor Tally {
        var steps: [String] = []
        func add(_ step: String) { steps.append(step) }
    }


    /// Workers that hop between actors many times between sleeps on the
    /// clock; the driver, after each `whenIdle`, sees every hop due by now
    /// done, and nothing of the next period started. An idle reported
    /// early (a job still queued) shows up as a missing step.
    @Test func idleComesOnlyWhenEveryTaskWaitsOnTheClock() async throws {
        let executor = SimulationExecutor(name: "simulation-test")
        defer { executor.finish() }
        let time = VirtualTime()
        let tally = Tally()
        let seen: [Int] = await executor.run {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<3 {
                    group.addTask {
                        for period in 1...4 {
                            for hop in 0..<50 { await tally.add("w\(worker) p\(period) h\(hop)") }
                            try? await time.sleep(until: .seconds(period))
                        }
                    }
                }
                // A fixed number of rounds, one simulated second apart, so a broken idle fails instead of hanging.
                var seen: [Int] = []
                for _ in 0..<6 {
                    await executor.whenIdle()
                    seen.append(await tally.steps.count)
                    time.advance(by: .seconds(1))
                }
                await group.waitForAll()
                return seen
            }
        }
        #expect(seen == [150, 300, 450, 600, 600, 600])
    }

    @Test func theRunItsChildrenAndItsActorsRunOnTheExecutorsThread() async throws {
        let executor = SimulationExecutor(name: "simulation-thread-check")
        defer { executor.finish() }
        let tally = Tally()
        #expect(!executor.isCurrentThread)
        let onThread: [Bool] = await executor.run {
            async let child = executor.isCurrentThread
            let own = executor.isCurrentThread
            await tally.add("x")
            let afterActor = executor.isCurrentThread
            let unstructured = await Task(executorPreference: SimulationExecutor.current) { executor.isCurrentThread }.value
            let plain = await Task { executor.isCurrentThread }.value
            return [own, await child, afterActor, unstructured, plain]
        }
        // A plain `Task {}` does not inherit the preference: it runs on the global pool (the rule it breaks).
        #expect(onThread == [true, true, true, true, false])
        #expect(SimulationExecutor.current == nil, "outside the run no executor is named")
    }

    /// Tasks racing through yields and actor hops interleave the same way every run.
    @Test func theInterleavingIsTheSameEveryRun() async throws {
        func race() async -> [String] {
            let executor = SimulationExecutor()
            defer { executor.finish() }
            let tally = Tally()
            await executor.run {
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<4 {
                        group.addTask {
                            for step in 0..<30 {
                                if (step + worker) % 3 == 0 { await Task.yield() }
                                await tally.add("\(worker).\(step)")
                            }
                        }
                    }
                }
            }
            return await tally.steps
        }
        let first = await race()
        #expect(first.count == 120)
        for _ in 0..<5 { #expect(await race() == first) }
    }

    @Test func aHardDeadlineInARunStaysOnTheExecutor() async throws {
        let executor = SimulationExecutor(name: "simulation-deadline")
        defer { executor.finish() }
        let time = VirtualTime()
        let result: Bool? = await executor.run {
            await withHardDeadline(.seconds(5), on: time) { executor.isCurrentThread }
        }
        #expect(result == true)
    }
}

/// `drive` moves the clock whenever the run is idle, and says at once when it can never go on.
@Suite struct SimulationDriveTests {
    @Test func theClockJumpsFromTimerToTimerUntilTheBodyReturns() async throws {
        let executor = SimulationExecutor()
        defer { executor.finish() }
        let time = VirtualTime()
        let woke: [Duration] = try await executor.drive(time) {
            var woke: [Duration] = []
            for seconds in [3, 60, 3600] {
                try await time.sleep(until: .seconds(seconds))
                woke.append(time.now)
            }
            return woke
        }
        #expect(woke == [.seconds(3), .seconds(60), .seconds(3600)])
    }

    @Test func aRunWaitingForWhatNoTimerBringsIsStuckAtOnce() async throws {
        let executor = SimulationExecutor()
        defer { executor.finish() }
        let time = VirtualTime()
        let never = AsyncStream<Int>.makeStream()
        await #expect(throws: SimulationStuck(at: .seconds(2), nextTimer: nil)) {
            _ = try await executor.drive(time) {
                try await time.sleep(until: .seconds(2))
                for await value in never.stream { return value }  // nobody ever yields: cancellation ends it
                throw CancellationError()
            }
        }
        let later = VirtualTime()
        await #expect(throws: SimulationStuck(at: .zero, nextTimer: .seconds(10))) {
            _ = try await executor.drive(later, limit: .seconds(5)) { try await later.sleep(until: .seconds(10)) }
        }
        never.continuation.finish()
    }
}
