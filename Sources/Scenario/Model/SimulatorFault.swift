/// A fault of the simulated drone or its Wi-Fi link, as a scenario states it
/// (the simulator's fault list, `FaultPlan`). Written `{"kind": "loss", "direction": "to_drone", "rate": 0.3}`.
public enum SimulatorFault: Sendable, Equatable {
    /// Each datagram in `direction` is dropped with probability `rate` (seeded).
    case loss(direction: LinkDirection, rate: Double)
    /// Every reply is held back this long.
    case replyDelay(Duration)
    /// The reply to command N arrives only after command N+1 was sent.
    case lateReplies
    /// Each reply is sent twice with probability `rate`.
    case duplicateReplies(rate: Double)
    /// `command` (full text or first word, e.g. "takeoff") is answered with `reply`
    /// (e.g. "error Motor stop") and not carried out, until `clear`.
    case forcedReply(command: String, reply: String)
    /// The link goes down: nothing passes either way until `linkUp`.
    case linkDown
    case linkUp
    /// Sets the battery to `percent`.
    case battery(percent: Int)
    /// The motors stop in the air (the drone falls and reports an error).
    case motorStop
    /// Removes every fault set so far.
    case clear

    static let kinds = [
        "loss", "reply_delay", "late_replies", "duplicate_replies", "forced_reply", "link_down", "link_up",
        "battery", "motor_stop", "clear",
    ]

    public init(reading reader: JSONReader) throws {
        let kind = try reader.required("kind").choice(Self.kinds)
        switch kind {
        case "loss":
            try reader.onlyKeys(["kind", "direction", "rate"])
            let direction = try reader.optional("direction").map { LinkDirection(rawValue: try $0.choice(LinkDirection.allCases.map(\.rawValue)))! }
            self = .loss(direction: direction ?? .both, rate: try reader.required("rate").fraction())
        case "reply_delay":
            try reader.onlyKeys(["kind", "delay"])
            self = .replyDelay(try reader.required("delay").duration())
        case "duplicate_replies":
            try reader.onlyKeys(["kind", "rate"])
            self = .duplicateReplies(rate: try reader.optional("rate")?.fraction() ?? 1)
        case "forced_reply":
            try reader.onlyKeys(["kind", "command", "reply"])
            self = .forcedReply(command: try reader.required("command").name(), reply: try reader.required("reply").name())
        case "battery":
            try reader.onlyKeys(["kind", "percent"])
            self = .battery(percent: try reader.required("percent").int(in: 0...100))
        default:
            try reader.onlyKeys(["kind"])
            self = Self.withoutParameters[kind]!
        }
    }

    private static let withoutParameters: [String: SimulatorFault] = [
        "late_replies": .lateReplies, "link_down": .linkDown, "link_up": .linkUp, "motor_stop": .motorStop,
        "clear": .clear,
    ]
}

/// Which way a datagram travels between agent and drone.
public enum LinkDirection: String, Sendable, CaseIterable {
    /// Commands from the agent to the drone.
    case toDrone = "to_drone"
    /// Replies and state from the drone to the agent.
    case fromDrone = "from_drone"
    case both
}
