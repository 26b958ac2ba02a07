import JSONValue

/// Requests and their answers.
extension InvariantCheck {
    /// Every message that carries an id answers a request sent with that id,
    /// of the same type (or is an `error` for it), and a `drone_command`'s
    /// answer names the action asked for; a battery read answers a battery level.
    static func attribution(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        for (client, messages) in run.received.sorted(by: { $0.key < $1.key }) {
            for message in messages {
                guard let id = message["id"].map(\.text), let type = message["type"]?.stringValue else { continue }
                guard let request = run.request(id: id) else {
                    if !run.requests.contains(where: { $0.id == id }) {
                        found.append(Violation(invariant: .replyAttribution, detail: "\(client) received \(type) with id \(id), which no request carried"))
                    }
                    continue
                }
                if type != request.type + "_response", type != "error" {
                    found.append(Violation(
                        invariant: .replyAttribution, detail: "\(client) received \(type) for request \(id) of type \(request.type)"))
                    continue
                }
                let expectedAction = request.type == "emergency" ? "emergency" : request.action
                if request.type == "drone_command" || request.type == "emergency", let expectedAction, !expectedAction.isEmpty,
                    let action = message["action"]?.stringValue, action != expectedAction
                {
                    found.append(Violation(
                        invariant: .replyAttribution, detail: "request \(id) asked for \(expectedAction), its answer is for \(action)"))
                }
                if request.action == "get_battery", message["success"] == .bool(true) {
                    let battery = message["data"]?["battery"]
                    if case .number(let level)? = battery, level == level.rounded(), (0...100).contains(level) { continue }
                    found.append(Violation(
                        invariant: .replyAttribution,
                        detail: "battery read \(id) answered with \(battery.map(\.text) ?? "no battery"): another command's reply"))
                }
            }
        }
        return found
    }

    /// Each request with an id gets exactly one answer on its own connection
    /// (at most one if the connection ended before the run did, or its client stopped reading for good).
    static func answeredOnce(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        for request in run.requests {
            guard let id = request.id, run.request(id: id) != nil else { continue }
            let answers = (run.received[request.client] ?? []).filter { $0["id"].map(\.text) == id }.count
            if answers > 1 {
                found.append(Violation(invariant: .answeredOnce, detail: "\(request.client) got \(answers) answers to \(request.type) \(id)"))
            } else if answers == 0, !run.ended.contains(request.client), run.stoppedReading[request.client] == nil {
                found.append(Violation(
                    invariant: .answeredOnce, detail: "\(request.client) never got an answer to \(request.type) \(id) and is still connected"))
            }
        }
        return found
    }
}
