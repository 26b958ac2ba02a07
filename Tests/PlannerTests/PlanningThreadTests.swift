import Clocks
import Planner
import Testing

/// Planning computes off the cooperative pool in a real agent, but inside a
/// simulation run it stays on the run's executor: a queue of its own would
/// resume the order's task from outside, and the run would see itself idle
/// (and move the clock) while an order is still being planned.
@Suite struct PlanningThreadTests {
    struct ThreadProbe: ComputingPlanner {
        let executor: SimulationExecutor
        func planNow(_ order: String) throws(PlanningError) -> Plan {
            Plan(commands: [], rawResponse: executor.isCurrentThread ? "on the run's executor" : "elsewhere")
        }
    }

    @Test func inASimulationRunPlanningRunsOnTheRunsExecutor() async throws {
        let executor = SimulationExecutor(name: "planning-probe")
        defer { executor.finish() }
        let where_ = try await executor.run { try await ThreadProbe(executor: executor).plan("起飞").rawResponse }
        #expect(where_ == "on the run's executor")
    }

    @Test func outsideARunPlanningLeavesTheCallersThread() async throws {
        let executor = SimulationExecutor(name: "planning-probe-outside")
        defer { executor.finish() }
        #expect(try await ThreadProbe(executor: executor).plan("起飞").rawResponse == "elsewhere")
    }
}
