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
    /// The network between agent and drone (not the simulator) loses each
    /// datagram with probability `loss`, delivers it twice with probability
    /// `duplication`, and holds each copy `delay` plus up to `jitter` (which
    /// reorders them). All zero: a perfect network again. In-memory runs only.
    case network(loss: Double, duplication: Double, delay: Duration, jitter: Duration)
    /// The network cuts the drone off: every datagram to or from it is
    /// dropped until `heal`. In-memory runs only.
    case partition
    case heal
    /// The network resets `client`'s WebSocket connection (an RST from the
    /// client's side): the agent reads a connection reset, the client's
    /// socket is gone. In-memory runs only.
    case connectionReset(client: String)
    /// `client`'s side of its connection is half-closed (a FIN without a
    /// close frame): the agent reads the end of the stream while it may
    /// still write; the client keeps reading. In-memory runs only.
    case halfClose(client: String)
    /// Removes every fault set so far, the network's included.
    case clear

    static let kinds = [
        "loss", "reply_delay", "late_replies", "duplicate_replies", "forced_reply", "link_down", "link_up",
        "battery", "motor_stop", "network", "partition", "heal", "connection_reset", "half_close", "clear",
    ]

    /// A fault of the network between agent and drone rather than of the simulator.
    public var isNetworkFault: Bool {
        switch self {
        case .network, .partition, .heal, .connectionReset, .halfClose: true
        default: false
        }
    }

    /// The client whose connection a stream fault breaks; nil for every other fault.
    public var streamClient: String? {
        switch self {
        case .connectionReset(let client), .halfClose(let client): client
        default: nil
        }
    }

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
        case "network":
            try reader.onlyKeys(["kind", "loss", "duplication", "delay", "jitter"])
            self = .network(
                loss: try reader.optional("loss")?.fraction() ?? 0, duplication: try reader.optional("duplication")?.fraction() ?? 0,
                delay: try reader.optional("delay")?.duration() ?? .zero, jitter: try reader.optional("jitter")?.duration() ?? .zero)
        case "connection_reset":
            try reader.onlyKeys(["kind", "client"])
            self = .connectionReset(client: try reader.required("client").name())
        case "half_close":
            try reader.onlyKeys(["kind", "client"])
            self = .halfClose(client: try reader.required("client").name())
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
        "partition": .partition, "heal": .heal, "clear": .clear,
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
