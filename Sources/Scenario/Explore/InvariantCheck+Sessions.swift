import Logs

/// Connections, logs and the run itself.
extension InvariantCheck {
    static func closesAndSessions(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        var connected: [String: Int] = [:]
        var removed: [String: Int] = [:]
        for entry in run.records("agent", "client connected") { connected[entry.record[field: "client"] ?? "?", default: 0] += 1 }
        for entry in run.records("agent", "client disconnected") {
            let client = entry.record[field: "client"] ?? "?"
            removed[client, default: 0] += 1
            if ["1000", "1001", "1005"].contains(entry.record[field: "code"] ?? ""), entry.record.level != .info {
                found.append(Violation(invariant: .cleanCloseQuiet, detail: "a clean close logged at \(entry.record.level): \(entry.record.formatted)"))
            }
        }
        let clean = Set(run.records("agent", "client disconnected").filter { $0.record.level == .info }.compactMap { $0.record[field: "client"] })
        for entry in run.log where entry.record.level == .error {
            if let client = entry.record[field: "client"], clean.contains(client) {
                found.append(Violation(invariant: .cleanCloseQuiet, detail: "an error about a client that closed cleanly: \(entry.record.formatted)"))
            }
        }
        for client in Set(connected.keys).union(removed.keys).sorted() where connected[client] != 1 || removed[client] != 1 {
            found.append(Violation(
                invariant: .sessionRemovedOnce,
                detail: "a session connected \(connected[client] ?? 0) times and removed \(removed[client] ?? 0) times"))
        }
        return found
    }

    static func alive(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        if let failure = run.observation.failure {
            found.append(Violation(
                invariant: .agentAlive, detail: "step \(failure.stepIndex.map { "\($0 + 1)" } ?? "-") (\(failure.step)): \(failure.received)"))
        }
        for entry in run.log where entry.record.component == "scenario" && entry.record.message == "agent shutdown not clean" {
            found.append(Violation(invariant: .agentAlive, detail: entry.record.formatted))
        }
        return found
    }
}
