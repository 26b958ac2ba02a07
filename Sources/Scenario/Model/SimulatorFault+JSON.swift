import JSONValue

extension SimulatorFault {
    /// The fault as a scenario file writes it; `SimulatorFault(reading:)` reads it back
    /// (used by transcripts and by `--record`).
    public var json: JSONValue {
        switch self {
        case .loss(let direction, let rate): ["kind": "loss", "direction": .string(direction.rawValue), "rate": .number(rate)]
        case .replyDelay(let delay): ["kind": "reply_delay", "delay": .string(ScenarioDuration.format(delay))]
        case .lateReplies: ["kind": "late_replies"]
        case .duplicateReplies(let rate): ["kind": "duplicate_replies", "rate": .number(rate)]
        case .forcedReply(let command, let reply): ["kind": "forced_reply", "command": .string(command), "reply": .string(reply)]
        case .linkDown: ["kind": "link_down"]
        case .linkUp: ["kind": "link_up"]
        case .battery(let percent): ["kind": "battery", "percent": .number(Double(percent))]
        case .motorStop: ["kind": "motor_stop"]
        case .network(let loss, let duplication, let delay, let jitter):
            ["kind": "network", "loss": .number(loss), "duplication": .number(duplication),
             "delay": .string(ScenarioDuration.format(delay)), "jitter": .string(ScenarioDuration.format(jitter))]
        case .partition: ["kind": "partition"]
        case .heal: ["kind": "heal"]
        case .connectionReset(let client): ["kind": "connection_reset", "client": .string(client)]
        case .halfClose(let client): ["kind": "half_close", "client": .string(client)]
        case .clear: ["kind": "clear"]
        }
    }
}
