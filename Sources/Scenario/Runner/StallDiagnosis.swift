import Foundation

/// What a stuck run was waiting for, said so the reader can tell which side
/// stopped: the step, the scripted clients, the clock and its next timer,
/// the work the kernel still sees pending, and every open socket.
enum StallDiagnosis {
    /// Sockets listed at most; a stuck run rarely has more than a dozen.
    static let socketLimit = 40

    /// The diagnosis as lines (the first says how long nothing moved).
    static func lines(_ progress: RunProgress, stalledFor: Duration, limit: Duration) -> [String] {
        let snapshot = progress.snapshot(tail: 0)
        var lines = ["\(progress.scenario.name) run \(progress.run) made no progress for \(ConsoleReport.seconds(stalledFor)) of wall time (stall timeout \(ScenarioDuration.format(limit)))"]
        lines.append("waiting in: \(headline(snapshot.phase))")
        if let virtual = progress.virtual {
            let next = virtual.nextDeadline.map { "next timer at \(ConsoleReport.seconds($0)) (\(virtual.sleeperCount) asleep)" } ?? "nobody asleep on the clock"
            lines.append("virtual time: \(ConsoleReport.seconds(virtual.now)), \(next)")
        }
        lines.append("pending work: \(PendingWork.socketsWithInput()) socket(s) with input waiting, \(PendingWork.busyThreads()) other thread(s) running or runnable")
        if let system = snapshot.system {
            lines.append("system: \(system.logRecords.count) log lines, \(system.activity) mock requests")
        }
        for client in snapshot.clients { lines.append("client \(client.name): \(client.status)") }
        let sockets = SocketTable.current().lines(limit: socketLimit, port: snapshot.system?.agentAddress.port)
        lines.append(sockets.isEmpty ? "open sockets: none" : "open sockets (the agent's port first):")
        lines += sockets.map { "  " + $0 }
        return lines
    }

    static func headline(_ phase: RunProgress.Phase) -> String {
        phase.stepIndex.map { "step \($0 + 1) (\(phase.text))" } ?? phase.text
    }
}
