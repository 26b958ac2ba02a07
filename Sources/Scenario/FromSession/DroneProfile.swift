import FlightRecord
import Foundation
import JSONValue

/// What the recorded drone did, as the replay's simulator setup: the battery
/// it started with, how fast it drained, and its answers to each command
/// (`script`: text, delay, losses, late and duplicate replies, errors), plus
/// a summary per command kind for the scenario's description.
struct DroneProfile {
    var setup: [String: JSONValue] = [:]
    var summary = ""

    init(_ log: RecordLog) {
        var script: [(command: String, t: Double, answers: [(text: String, delay: Double)])] = []
        var states: [(t: Double, battery: Double, flying: Bool)] = []
        for event in log.events {
            switch event.kind {
            case "drone_out":
                script.append((event.string("text") ?? "", event.t, []))
            case "drone_in":
                guard !script.isEmpty, let text = event.string("text") else { continue }
                script[script.count - 1].answers.append((text, max(0, event.t - script[script.count - 1].t)))
            case "drone_state":
                guard let line = event.string("text"), let battery = Self.field("bat", in: line) else { continue }
                states.append((event.t, battery, (Self.field("h", in: line) ?? 0) > 0 || (Self.field("tof", in: line) ?? 0) > 30))
            default:
                continue
            }
        }
        if let first = states.first { setup["battery"] = .number(first.battery.rounded()) }
        if let drain = Self.drain(states) { setup["drain"] = drain }
        setup["script"] = .array(script.map { entry in
            ["command": .string(entry.command), "answers": .array(entry.answers.map { answer in
                ["text": .string(answer.text), "after": .string(ScenarioDuration.format(.milliseconds(Int64((answer.delay * 1000).rounded()))))]
            })]
        })
        summary = Self.summary(script.map { ($0.command, $0.answers) })
    }

    /// A number from a state line (`bat:87;`).
    static func field(_ name: String, in line: String) -> Double? {
        for pair in line.split(separator: ";") {
            let parts = pair.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespacesAndNewlines) == name {
                return Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return nil
    }

    /// Percent per minute in flight and on the ground, from the battery readings over time
    /// (nil when the session was too short to see any drain).
    static func drain(_ states: [(t: Double, battery: Double, flying: Bool)]) -> JSONValue? {
        var flight = (seconds: 0.0, drop: 0.0), idle = (seconds: 0.0, drop: 0.0)
        for (a, b) in zip(states, states.dropFirst()) {
            let seconds = b.t - a.t, drop = max(0, a.battery - b.battery)
            if a.flying { flight.seconds += seconds; flight.drop += drop } else { idle.seconds += seconds; idle.drop += drop }
        }
        var drain: [String: JSONValue] = [:]
        if flight.seconds >= 60, flight.drop > 0 { drain["flight"] = .number(min(100, (flight.drop / flight.seconds * 60 * 100).rounded() / 100)) }
        if idle.seconds >= 60, idle.drop > 0 { drain["idle"] = .number(min(100, (idle.drop / idle.seconds * 60 * 100).rounded() / 100)) }
        return drain.isEmpty ? nil : .object(drain)
    }

    /// Per command kind (first word): how often sent, answers seen, delays, errors, losses, repeats.
    static func summary(_ script: [(command: String, answers: [(text: String, delay: Double)])]) -> String {
        var kinds: [String: (sent: Int, lost: Int, extra: Int, errors: Set<String>, delays: [Double])] = [:]
        var order: [String] = []
        for (command, answers) in script {
            let kind = String(command.split(separator: " ").first ?? "")
            if kinds[kind] == nil { order.append(kind); kinds[kind] = (0, 0, 0, [], []) }
            kinds[kind]!.sent += 1
            if answers.isEmpty { kinds[kind]!.lost += 1 }
            if answers.count > 1 { kinds[kind]!.extra += answers.count - 1 }
            for answer in answers where answer.text.hasPrefix("error") || answer.text.contains("forced stop") {
                kinds[kind]!.errors.insert(answer.text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let first = answers.first { kinds[kind]!.delays.append(first.delay) }
        }
        let parts = order.map { kind -> String in
            let k = kinds[kind]!
            var text = "\(kind) x\(k.sent)"
            if let low = k.delays.min(), let high = k.delays.max() {
                text += low == high ? " answered after \(Self.ms(low))" : " answered after \(Self.ms(low))-\(Self.ms(high))"
            }
            if k.lost > 0 { text += ", \(k.lost) unanswered" }
            if k.extra > 0 { text += ", \(k.extra) extra answers (late or duplicate)" }
            if !k.errors.isEmpty { text += ", errors: " + k.errors.sorted().joined(separator: " / ") }
            return text
        }
        return parts.isEmpty ? "No drone traffic." : "The drone: " + parts.joined(separator: "; ") + "."
    }

    static func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded()))ms" }
}
