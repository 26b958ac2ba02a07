import Clocks
import TelloSim

extension SimulatorFault {
    /// What the fault does to the simulator: most change its `FaultPlan`;
    /// battery and motor faults are events on the drone itself.
    public enum Effect: Sendable, Equatable {
        case plan(FaultPlan)
        case setBattery(Double)
        case cutMotors
        /// Nothing on the simulator: the run's network carries the fault.
        case network
    }

    /// The effect of this fault on a simulator whose plan is `current`.
    public func effect(on current: FaultPlan) -> Effect {
        var plan = current
        switch self {
        case .loss(let direction, let rate):
            if direction != .fromDrone { plan.commandLoss = rate }
            if direction != .toDrone {
                plan.replyLoss = rate
                plan.stateLoss = rate
            }
        case .replyDelay(let delay): plan.replyDelayMilliseconds = Int(delay.milliseconds)
        case .lateReplies: plan.lateReplies = true
        case .duplicateReplies(let rate): plan.duplicateReplies = rate
        case .forcedReply(let command, let reply): plan.forcedReplies[command] = reply
        case .linkDown: plan.linkDown = true
        case .linkUp: plan.linkDown = false
        case .clear: plan = FaultPlan()
        case .battery(let percent): return .setBattery(Double(percent))
        case .motorStop: return .cutMotors
        case .network, .partition, .heal, .connectionReset, .halfClose: return .network
        }
        return .plan(plan)
    }

    /// Applies the fault to a running simulator.
    public func apply(to simulator: SimulatedTello) async throws {
        switch effect(on: await simulator.faults) {
        case .plan(let plan): try await simulator.setFaults(plan)
        case .setBattery(let percent): await simulator.setBattery(percent)
        case .cutMotors: await simulator.cutMotors()
        case .network: break
        }
    }
}
