import Clocks
import Synchronization
import Testing
import TestSupport

/// The driver under every in-memory agent test: waits end when their
/// condition holds, however much virtual time that takes, fail at their
/// virtual bound, and a run waiting for what can never come fails at once.
@Suite struct SimulationTests {
    @Test func aWaitEndsWhenATimerMakesItsConditionTrueTwentyMinutesLater() async throws {
        let waited = try await Simulation.run { simulation in
            let done = Atomic<Bool>(false)
            async let sleeper: Void = {
                try await simulation.time.sleep(until: .seconds(1200))
                done.store(true, ordering: .sequentiallyConsistent)
            }()
            try await eventually("twenty minutes", within: 150) { done.load(ordering: .sequentiallyConsistent) }
            try await sleeper
            return simulation.time.now
        }
        #expect(waited == .seconds(1200), "the clock jumped straight to the sleeper's deadline")
    }

    @Test func aConditionThatNeverHoldsFailsAtItsVirtualBound() async throws {
        let failure = try await Simulation.run { simulation in
            do {
                try await eventually("nothing", within: 2) { false }
                return nil as TimedOut?
            } catch let error as TimedOut {
                #expect(simulation.time.now == .seconds(Simulation.virtualBound(2)))
                return error
            }
        }
        #expect(failure?.virtual == true)
        #expect(failure?.description.contains("virtual") == true)
    }

    @Test func withinBoundsABodyInVirtualTime() async throws {
        try await Simulation.run { simulation in
            await #expect(throws: TimedOut.self) {
                try await within(1, "a sleep past the bound") { try await simulation.time.sleep(until: .seconds(1200)) }
            }
            #expect(simulation.time.now == .seconds(Simulation.virtualBound(1)))
            let seven = try await within(1) { 7 }
            #expect(seven == 7)
        }
    }

    @Test func aRunWaitingForWhatNeverComesIsStuck() async throws {
        await #expect(throws: SimulationStuck.self) {
            try await Simulation.run { _ in
                let (stream, _) = AsyncStream<Int>.makeStream()
                for await _ in stream {}
                try Task.checkCancellation()
            }
        }
    }
}

extension SimulationTests {
    /// A body that waits for ever beside a periodic timer fails at the run's limit of virtual time.
    @Test func aRunPastItsLimitIsStuck() async throws {
        await #expect(throws: SimulationStuck.self) {
            try await Simulation.run(limit: .seconds(60)) { simulation in
                async let ticker: Void = {
                    while true { try await simulation.time.sleep(until: simulation.time.now + .seconds(1)) }
                }()
                let (stream, _) = AsyncStream<Int>.makeStream()
                for await _ in stream {}
                try await ticker
            }
        }
    }
}
