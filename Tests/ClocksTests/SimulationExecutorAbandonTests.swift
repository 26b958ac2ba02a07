import Clocks
import Synchronization
import Testing
import TestSupport

/// What a simulation run's wall limit does to a run that will not end:
/// its executor stops running anything, so nothing of it spins on.
@Suite struct SimulationExecutorAbandonTests {
    @Test func anAbandonedExecutorDropsItsJobsAndItsThreadEnds() async throws {
        let executor = SimulationExecutor(name: "abandoned")
        let spins = Atomic<Int>(0)
        // Unstructured by purpose: the spinner never ends, so nobody can await it.
        _ = Task(executorPreference: executor) {
            while true {
                spins.add(1, ordering: .relaxed)
                await Task.yield()
            }
        }
        try await eventually("the spinner runs") { spins.load(ordering: .relaxed) > 1000 }
        #expect(!executor.hasStopped)
        executor.abandon()
        try await eventually("the executor's thread ends") { executor.hasStopped }
        let spun = spins.load(ordering: .relaxed)
        let jobs = executor.jobCount
        // The spinner's next turn was queued, then dropped: it never runs again.
        await Task.yield()
        #expect(executor.queuedJobCount == 0)
        #expect(executor.jobCount == jobs)
        #expect(spins.load(ordering: .relaxed) == spun)
    }
}
