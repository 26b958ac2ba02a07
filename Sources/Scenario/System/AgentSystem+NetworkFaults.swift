import MemoryNetwork

extension AgentSystem {
    /// The network's part of `fault`: network faults set the memory network's
    /// datagram faults or cut the drone off; `clear` makes the network perfect
    /// again. The only datagrams in the run are between agent and drone, so the
    /// network-wide setting is that link's. Over real sockets there is no
    /// network to set: a network fault fails its step rather than passing as
    /// if it had struck.
    func applyToNetwork(_ fault: SimulatorFault) throws {
        guard let memory else {
            if fault.isNetworkFault {
                throw ScenarioSystemError("network faults need the in-memory runner; this run uses real sockets (--live)")
            }
            return
        }
        switch fault {
        case .network(let loss, let duplication, let delay, let jitter):
            memory.setFaults(LinkFaults(loss: loss, duplication: duplication, delay: delay, jitter: jitter))
        case .partition: memory.isolate(agent.droneAddress)
        case .heal: memory.rejoin(agent.droneAddress)
        case .clear:
            memory.setFaults(.none)
            memory.rejoin(agent.droneAddress)
        default: break
        }
    }
}
