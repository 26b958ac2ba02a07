import MemoryNetwork

extension ScenarioPlayer {
    /// A stream fault (`connection_reset`, `half_close`): the run's memory
    /// network breaks `client`'s connection at the client's end, so the agent
    /// sees what it would see on a real host: a reset, or the end of the
    /// stream with no close frame. Over real sockets (`--live`) the runner
    /// has no hold on the network between client and agent: the step fails
    /// rather than pass as if the fault had struck.
    func breakConnection(of client: ScriptedClient, _ fault: SimulatorFault) throws {
        guard let memory = system.streams as? MemoryNetwork else {
            throw StepProblem(
                expected: "a run in memory: \(fault.json["kind"]?.stringValue ?? "a stream fault") needs the in-memory network",
                received: "a run over real sockets (--live), whose connections the runner cannot reset or half-close")
        }
        switch fault {
        case .connectionReset:
            client.willBeResetByNetwork()
            memory.reset(client.localAddress)
        case .halfClose:
            memory.halfClose(client.localAddress)
        default:
            break
        }
    }
}
