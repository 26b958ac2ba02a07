import TelloSim

/// Everything that exists before the first step: how the agent is
/// configured, the simulated drone and its faults, the 3002 backend's script,
/// the LLM's script, and what transcripts leave out.
public struct ScenarioSetup: Sendable {
    public var agent: AgentSetup
    public var simulator: SimulatorSetup
    public var backend: BackendScript
    /// nil: the agent plans with its offline rule-based planner (its default).
    public var llm: LLMScript?
    public var transcript: TranscriptSetup

    public init(
        agent: AgentSetup = AgentSetup(), simulator: SimulatorSetup = SimulatorSetup(),
        backend: BackendScript = BackendScript(), llm: LLMScript? = nil, transcript: TranscriptSetup = TranscriptSetup()
    ) {
        self.agent = agent
        self.simulator = simulator
        self.backend = backend
        self.llm = llm
        self.transcript = transcript
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["agent", "simulator", "backend", "llm", "transcript"])
        self.init(
            agent: try reader.optional("agent").map(AgentSetup.init(reading:)) ?? AgentSetup(),
            simulator: try reader.optional("simulator").map(SimulatorSetup.init(reading:)) ?? SimulatorSetup(),
            backend: try reader.optional("backend").map(BackendScript.init(reading:)) ?? BackendScript(),
            llm: try reader.optional("llm").map(LLMScript.init(reading:)),
            transcript: try reader.optional("transcript").map(TranscriptSetup.init(reading:)) ?? TranscriptSetup())
    }
}

/// Agent options a scenario may change; nil keeps the agent's own default,
/// so a scenario states only what it is about.
public struct AgentSetup: Sendable, Equatable {
    /// Browser origins allowed to connect (the agent's default: localhost pages and no Origin).
    public var allowedOrigins: [String]?
    /// A token clients must present, if any.
    public var token: String?
    /// The pause between plan steps (the original waited 2 s).
    public var stepPause: Duration?
    /// How often `drone_status` is broadcast.
    public var statusInterval: Duration?
    /// Language of human-readable texts: "zh" (default, as the original) or "en".
    public var language: String?
    /// Bytes a client's send queue may hold before the agent closes it with 1008.
    public var sendQueueLimit: Int?

    public init(
        allowedOrigins: [String]? = nil, token: String? = nil, stepPause: Duration? = nil,
        statusInterval: Duration? = nil, language: String? = nil, sendQueueLimit: Int? = nil
    ) {
        self.sendQueueLimit = sendQueueLimit
        self.allowedOrigins = allowedOrigins
        self.token = token
        self.stepPause = stepPause
        self.statusInterval = statusInterval
        self.language = language
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["allowed_origins", "token", "step_pause", "status_interval", "language", "send_queue_limit"])
        self.init(
            allowedOrigins: try reader.optional("allowed_origins")?.array().map { try $0.string() },
            token: try reader.optional("token")?.string(),
            stepPause: try reader.optional("step_pause")?.duration(),
            statusInterval: try reader.optional("status_interval")?.duration(),
            language: try reader.optional("language")?.choice(["zh", "en"]),
            sendQueueLimit: try reader.optional("send_queue_limit")?.int(in: 1024...(1 << 30)))
    }
}

/// The simulated drone at the start: battery, the faults already active, which
/// drone it is, and what a recorded drone did (`script`, `drain`), so a recorded
/// session's drone is replayed.
public struct SimulatorSetup: Sendable, Equatable {
    /// Battery percentage at power-on (nil: the simulator's default, full).
    public var battery: Int?
    public var faults: [SimulatorFault]
    /// A recorded drone's answers per command, in order (the simulator's `FaultPlan.script`):
    /// `{"command": "takeoff", "answers": [{"text": "ok", "after": "5.2s"}]}`; an empty list is a loss.
    public var script: [ScriptedCommand]
    /// Battery drain, percent per minute: in flight and on the ground (nil: the simulator's own).
    public var flightDrain: Double?
    public var idleDrain: Double?
    /// `"tello"`, `"edu"` or `"tt"`: that real drone, quirks included (`tello-sim --model`).
    /// nil: the clean drone of the SDK guide (`--exact`), the default for scenarios.
    public var model: String?

    public static let models = ["tello", "edu", "tt"]

    public init(battery: Int? = nil, faults: [SimulatorFault] = [], script: [ScriptedCommand] = [],
                flightDrain: Double? = nil, idleDrain: Double? = nil, model: String? = nil) {
        self.battery = battery
        self.faults = faults
        self.script = script
        self.flightDrain = flightDrain
        self.idleDrain = idleDrain
        self.model = model
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["battery", "faults", "script", "drain", "model"])
        let drain = try reader.optional("drain")
        try drain?.onlyKeys(["flight", "idle"])
        let faults: [SimulatorFault] = try reader.optional("faults")?.array().map { fault -> SimulatorFault in
            let read = try SimulatorFault(reading: fault)
            // No client exists before the first step.
            if read.streamClient != nil { throw fault.failure(expected: "a fault of the drone or its link (a client's connection is broken by a step)") }
            return read
        } ?? []
        self.init(
            battery: try reader.optional("battery")?.int(in: 0...100),
            faults: faults,
            script: try reader.optional("script")?.array().map(ScriptedCommand.init(reading:)) ?? [],
            flightDrain: try drain?.optional("flight")?.rate(),
            idleDrain: try drain?.optional("idle")?.rate(),
            model: try reader.optional("model")?.choice(Self.models))
    }
}

extension ScriptedCommand {
    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["command", "answers"])
        let answers = try reader.required("answers").array().map { answer in
            try answer.onlyKeys(["text", "after"])
            return ScriptedAnswer(text: try answer.required("text").string(),
                                  delayMilliseconds: Double(try answer.optional("after")?.duration().milliseconds ?? 0))
        }
        self.init(command: try reader.required("command").name(), answers: answers)
    }
}

extension JSONReader {
    /// A drain rate: a number from 0 to 100 (percent per minute).
    func rate() throws -> Double {
        let value = try double()
        guard (0...100).contains(value) else { throw failure(expected: "a number from 0 to 100 (percent per minute)") }
        return value
    }
}

/// What transcripts leave out, so that they are identical run after run.
public struct TranscriptSetup: Sendable, Equatable {
    /// Message types not written to transcripts. `drone_status` by default:
    /// its count depends on how long things took, not on what happened.
    public var ignoredTypes: Set<String>
    /// Object members whose values are replaced by `"<redacted>"` (wall-clock
    /// timestamps, generated keys, and what a plan's steps were seen to do next
    /// to the preflight's prediction, which depends on when state lines landed,
    /// as the count of `drone_status` does) wherever they appear.
    public var redactedKeys: Set<String>

    public static let defaultIgnoredTypes: Set<String> = ["drone_status"]
    public static let defaultRedactedKeys: Set<String> = ["timestamp", "idempotency_key", "observed"]

    public init(ignoredTypes: Set<String> = defaultIgnoredTypes, redactedKeys: Set<String> = defaultRedactedKeys) {
        self.ignoredTypes = ignoredTypes
        self.redactedKeys = redactedKeys
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["ignore_types", "redact_keys"])
        self.init(
            ignoredTypes: try reader.optional("ignore_types").map { Set(try $0.array().map { try $0.string() }) }
                ?? Self.defaultIgnoredTypes,
            redactedKeys: try reader.optional("redact_keys").map { Set(try $0.array().map { try $0.string() }) }
                ?? Self.defaultRedactedKeys)
    }
}
