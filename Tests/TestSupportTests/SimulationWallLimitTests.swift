import Clocks
import Lifetimes
import Synchronization
import Testing
import TestSupport

/// A run that never goes idle reaches neither the idle check nor the
/// virtual limit; its wall-clock limit stops it, and the failure says how
/// far it got. Small limits here; the default is thirty seconds.
@Suite struct SimulationWallLimitTests {
    /// A timer whose handler re-arms the deadline that just passed: the real
    /// `DeadlineTimer` fires again at once, for ever, at the same virtual instant.
    @Test func aTimerRefiringAPastDeadlineFailsAtTheWallLimit() async throws {
        let fired = Atomic<Int>(0)
        let overrun = await #expect(throws: SimulationOverrun.self) {
            try await Simulation.run(wallLimit: .milliseconds(300)) { simulation in
                let timer = DeadlineTimer()
                timer.arm(.seconds(1))
                await timer.run(on: simulation.time) {
                    fired.add(1, ordering: .relaxed)
                    timer.arm(.seconds(1))
                }
            }
        }
        let report = try #require(overrun?.report)
        #expect(report.virtualNow == .seconds(1), "time stops at the deadline that keeps firing")
        #expect(fired.load(ordering: .relaxed) > 100)
        #expect(report.jobsRun > 100)
        #expect(report.wallElapsed >= .milliseconds(300))
        #expect(overrun?.endedWhenCancelled == true, "the timer's loop honours cancellation")
        let message = try #require(overrun?.description)
        #expect(message.contains("limit 0.300 s"))
        #expect(message.contains("1.000 s of virtual time passed"))
        #expect(message.contains("jobs ran; it went idle 1 time, the last at 0.000 s of virtual time"))
        #expect(message.contains("cancelled, the run ended"))
    }

    /// Two tasks handing a token back and forth without end, deaf to
    /// cancellation: cancelled at the limit they go on, so after the grace
    /// the run is abandoned and its executor's thread ends.
    @Test func twoTasksWakingEachOtherForEverAreAbandonedAtTheWallLimit() async throws {
        let overrun = await #expect(throws: SimulationOverrun.self) {
            try await Simulation.run(wallLimit: .milliseconds(300)) { simulation in
                async let never: Void = simulation.time.sleep(until: .seconds(60))
                let ping = Mailbox(), pong = Mailbox()
                ping.put()
                async let left: Void = { while true { await ping.take(); pong.put() } }()
                async let right: Void = { while true { await pong.take(); ping.put() } }()
                _ = await (left, right)
                try await never
            }
        }
        let report = try #require(overrun?.report)
        #expect(report.virtualNow == .zero, "the clock never moved: the run never went idle")
        #expect(report.idleTurns == 0)
        #expect(report.jobsRun > 100)
        #expect(report.nextTimer == .seconds(60))
        #expect(overrun?.endedWhenCancelled == false)
        let message = try #require(overrun?.description)
        #expect(message.contains("it never went idle"))
        #expect(message.contains("1 timer waiting, the earliest at 60.000 s"))
        #expect(message.contains("its tasks were abandoned"))
    }

    /// A healthy run ends with its value long before its limit, with no trace of the limit.
    @Test func aHealthyRunIsUntouchedByItsWallLimit() async throws {
        let now = try await Simulation.run(wallLimit: .seconds(30)) { simulation in
            try await simulation.time.sleep(until: .seconds(1200))
            return simulation.time.now
        }
        #expect(now == .seconds(1200))
    }
}

/// A token one task puts and another takes, waiting while there is none;
/// neither side looks at cancellation.
private final class Mailbox: Sendable {
    private struct State {
        var tokens = 0
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func put() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard let waiter = state.waiter else {
                state.tokens += 1
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    func take() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { state in
                guard state.tokens > 0 else {
                    state.waiter = waiter
                    return false
                }
                state.tokens -= 1
                return true
            }
            if ready { waiter.resume() }
        }
    }
}
