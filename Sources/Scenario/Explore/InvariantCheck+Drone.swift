import DroneVocabulary
import JSONValue
import Planner

/// What reached the drone.
extension InvariantCheck {
    static let sdkWords: [String: String] = [
        "move_forward": "forward", "move_back": "back", "move_left": "left", "move_right": "right", "move_up": "up",
        "move_down": "down", "rotate_clockwise": "cw", "rotate_counter_clockwise": "ccw",
    ]

    /// A move or turn the agent's drone link sent (`forward 50`). What the
    /// agent sent, not what the drone received: a network that duplicates
    /// datagrams delivers one send twice, and the SDK gives the agent no way
    /// to tell the drone it is a copy.
    static func sentMoves(_ run: RunFacts) -> [(word: String, amount: Int)] {
        run.records("dronelink", "send").compactMap { entry in
            let words = (entry.record[field: "command"] ?? "").split(separator: " ").map(String.init)
            guard words.count == 2, sdkWords.values.contains(words[0]), let amount = Int(words[1]) else { return nil }
            return (words[0], amount)
        }
    }

    /// Moves the requests could have asked for: each `drone_command` move or
    /// turn once (its exact amount when it gave one plainly in range, else any
    /// amount), and each order as often as any plan made of it has that move
    /// (the offline planner's and every scripted model reply's).
    static func intents(_ run: RunFacts) -> (exact: [String: Int], any: [String: Int]) {
        var exact: [String: Int] = [:]
        var any: [String: Int] = [:]
        let modelPlans = run.modelReplies.compactMap { try? PlanExtraction.plan(from: $0) }
        for request in run.requests {
            switch request.type {
            case "drone_command":
                guard let action = request.action, let word = sdkWords[action] else { continue }
                let parameters = request.message["data"]?["parameters"]
                let name = word == "cw" || word == "ccw" ? "degrees" : "distance"
                let range = word == "cw" || word == "ccw" ? 1...360 : 20...500
                if case .number(let value)? = parameters?[name], value == value.rounded(), range.contains(Int(value)) {
                    exact["\(word) \(Int(value))", default: 0] += 1
                } else {
                    any[word, default: 0] += 1
                }
            case "natural_language_command":
                guard let order = request.message["data"]?["command"]?.stringValue else { continue }
                var most: [String: Int] = [:]
                let plans = [try? OfflinePlanner().planNow(order)].compactMap { $0 } + modelPlans
                for plan in plans {
                    var counts: [String: Int] = [:]
                    for command in plan.commands {
                        guard sdkWords[command.action.rawValue] != nil,
                            let text = command.action.telloCommand(amount: command.amount ?? command.action.parameter?.defaultValue)?.text
                        else { continue }
                        counts[text, default: 0] += 1
                    }
                    most.merge(counts) { max($0, $1) }
                }
                exact.merge(most) { $0 + $1 }
            default:
                continue
            }
        }
        return (exact, any)
    }

    static func movesSentOnce(_ run: RunFacts) -> [Violation] {
        var (exact, any) = intents(run)
        var found: [Violation] = []
        for move in sentMoves(run) {
            let text = "\(move.word) \(move.amount)"
            if let left = exact[text], left > 0 {
                exact[text] = left - 1
            } else if let left = any[move.word], left > 0 {
                any[move.word] = left - 1
            } else {
                found.append(Violation(invariant: .moveSentOnce, detail: "the agent sent \(text) more often than it was asked for"))
            }
        }
        return found
    }

    /// An emergency the agent answered as sent reached the drone within the
    /// bound after the agent read the request, whatever it was doing.
    static func emergencies(_ run: RunFacts) -> [Violation] {
        let arrivals = run.records("tello-sim", "command received").filter { $0.record[field: "command"] == "emergency" }.map(\.time)
        var found: [Violation] = []
        for read in run.records("agent", "request") {
            guard let id = read.record[field: "id"], id != "none", let request = run.request(id: id),
                request.type == "emergency" || request.action == "emergency"
            else { continue }
            let answered = run.received.values.joined().contains { $0["id"].map(\.text) == id && $0["success"] == .bool(true) }
            guard answered else { continue }
            if !arrivals.contains(where: { $0 >= read.time && $0 <= read.time + emergencyDeadline }) {
                found.append(Violation(
                    invariant: .emergencyBound,
                    detail: "emergency \(id) was answered as sent but did not reach the drone within \(ScenarioDuration.format(emergencyDeadline))"))
            }
        }
        return found
    }
}
