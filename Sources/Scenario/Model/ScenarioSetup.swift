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

    public init(
        allowedOrigins: [String]? = nil, token: String? = nil, stepPause: Duration? = nil,
        statusInterval: Duration? = nil, language: String? = nil
    ) {
        self.allowedOrigins = allowedOrigins
        self.token = token
        self.stepPause = stepPause
        self.statusInterval = statusInterval
        self.language = language
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["allowed_origins", "token", "step_pause", "status_interval", "language"])
        self.init(
            allowedOrigins: try reader.optional("allowed_origins")?.array().map { try $0.string() },
            token: try reader.optional("token")?.string(),
            stepPause: try reader.optional("step_pause")?.duration(),
            statusInterval: try reader.optional("status_interval")?.duration(),
            language: try reader.optional("language")?.choice(["zh", "en"]))
    }
}

/// The simulated drone at the start: battery, the faults already active and
/// which drone it is.
public struct SimulatorSetup: Sendable, Equatable {
    /// Battery percentage at power-on (nil: the simulator's default, full).
    public var battery: Int?
    public var faults: [SimulatorFault]
    /// `"tello"`, `"edu"` or `"tt"`: that real drone, quirks included (`tello-sim --model`).
    /// nil: the clean drone of the SDK guide (`--exact`), the default for scenarios.
    public var model: String?

    public static let models = ["tello", "edu", "tt"]

    public init(battery: Int? = nil, faults: [SimulatorFault] = [], model: String? = nil) {
        self.battery = battery
        self.faults = faults
        self.model = model
    }

    init(reading reader: JSONReader) throws {
        try reader.onlyKeys(["battery", "faults", "model"])
        self.init(
            battery: try reader.optional("battery")?.int(in: 0...100),
            faults: try reader.optional("faults")?.array().map(SimulatorFault.init(reading:)) ?? [],
            model: try reader.optional("model")?.choice(Self.models))
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
