import Clocks
import Dispatch

/// Where CPU-bound planning runs: one serial Dispatch queue, never the
/// cooperative pool.
///
/// The pool has a thread per core (two on a small machine); an order that
/// computes for a while on it would stall every task behind it: WebSocket
/// read loops, the drone link's keepalive, an emergency. Here it occupies at
/// most one thread, one order at a time, and the caller awaits a continuation.
///
/// Inside a simulation run the order is planned right on the run's executor
/// instead: the queue would resume the caller from outside the run, which
/// then looks idle (and moves its clock) while the order is still planned.
package enum PlanningThread {
    private static let queue = DispatchQueue(label: "planner", qos: .userInitiated)

    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws(PlanningError) -> T) async throws(PlanningError) -> T {
        if SimulationExecutor.current != nil { return try work() }
        let result: Result<T, PlanningError> = await withCheckedContinuation { continuation in
            queue.async { @Sendable in
                continuation.resume(returning: Result { () throws(PlanningError) -> T in try work() })
            }
        }
        return try result.get()
    }
}

/// A planner that only computes (no I/O): `plan` runs `planNow` on the
/// `PlanningThread`, so however long an order takes, it takes it there.
package protocol ComputingPlanner: Planner {
    func planNow(_ order: String) throws(PlanningError) -> Plan
}

extension ComputingPlanner {
    package func plan(_ order: String) async throws(PlanningError) -> Plan {
        try await PlanningThread.run { () throws(PlanningError) -> Plan in try self.planNow(order) }
    }
}
