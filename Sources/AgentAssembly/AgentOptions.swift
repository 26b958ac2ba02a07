import Agent
import Bridge3002
import CommandLineFlags
import Foundation
import Logs
import Sockets
import TelloSim
import Wire

/// Where the drone is: the embedded simulator, or a Tello (or an external
/// `tello-sim`) at an address. Everything after the socket is the same.
package enum DroneTarget: Sendable, Equatable, CustomStringConvertible {
    case simulator
    case address(SocketAddress)

    /// `sim`, `HOST` (port 8889) or `HOST:PORT`.
    package init?(_ text: String) {
        if text == "sim" { self = .simulator; return }
        let withPort = text.contains(":") ? text : "\(text):8889"
        guard let address = SocketAddress(withPort) else { return nil }
        self = .address(address)
    }

    package var description: String {
        switch self {
        case .simulator: "sim"
        case .address(let address): "\(address)"
        }
    }
}

/// `tello-agent`'s configuration: the command-line names in docs/architecture.md, the
/// original's environment variables, flags over environment.
package struct AgentOptions: Sendable, Equatable {
    package var host = "127.0.0.1"
    /// The original's port; `TELLO_AGENT_PORT` or `AGENT_PORT` change it.
    package var port: UInt16 = 3004
    package var drone = DroneTarget.simulator
    /// The embedded simulator's room (a world file, docs/world.md); nil = the standard hall.
    package var worldPath: String?
    /// What the embedded simulator's `streamon` sends (`--sim-video`, as tello-sim's `--video`).
    package var simulatorVideo = VideoChoice.render
    /// The embedded simulator is the real drone unless told otherwise: a plain Tello with its
    /// quirks (docs/tello-sim.md), so what works here works on a Tello.
    package var simulatorModel = TelloModel.tello
    /// `--sim-exact`: the clean drone (SDK-guide timing, no quirks) instead.
    package var simulatorExact = false
    /// nil: `BACKEND_3002_URL`, else http://localhost:3002 (Bridge3002 resolves it).
    package var backend: String?
    package var outbox: String?
    package var logLevel = LogLevel.info
    package var logFile: String?
    package var token: String?
    package var allowedOrigins: [String] = []
    package var language = AgentLanguage.chinese
    /// Simulated seconds per wall second, for the embedded simulator and the agent's own timers.
    package var timeScale = 1.0
    /// The original slept 2 s between plan steps.
    package var stepPause: Duration = .seconds(2)
    /// The original pushed `drone_status` every 2 s.
    package var statusInterval: Duration = .seconds(2)
    /// How long the shutdown phase may take (landing, clients' close handshakes) before what is left is cancelled.
    package var shutdownGrace: Duration = .seconds(30)
    package var maxConnections = 64
    /// Model hosts clients may name in `update_ai_settings` beyond loopback and the configured ones.
    package var allowedLLMHosts: [String] = []
    /// TCP connections one remote address may hold at once (handshakes included);
    /// loopback clients are exempt (see docs/agent.md, "Connection limits").
    package var maxConnectionsPerAddress = WebSocketServer.defaultMaxConnectionsPerAddress
    /// Records the session (messages, datagrams, 3002 and LLM exchanges) as JSON lines here (`--record`, docs/recording.md).
    package var recordPath: String?
    /// The recording's files together stay under this many bytes (`--record-max-bytes`).
    package var recordMaxBytes = 64 * 1024 * 1024
    /// Appends the drone's video, as Annex B, to this file whenever it streams (`--record-video`).
    package var recordVideo: String?
    /// Bytes of video one viewer may have waiting before it loses pictures until the next key frame.
    package var videoViewerBudget = 1024 * 1024
    /// Serve the browser console at `/` (and `/video.h264`) on the WebSocket port; `--no-console` turns it off.
    package var console = true
    /// Bytes a client's send queue may hold while it does not read; past it
    /// the agent closes the connection with 1008 (no flag; scenarios set it).
    package var sendQueueLimit = WebSocketConfiguration().maxQueuedBytes
    /// How long the 3002 outbox waits between delivery attempts (no flag; the
    /// scenario explorer reads it to size the drain that ends its scenarios).
    package var outboxBackoff = Outbox.Backoff()
    /// Bugs planted on purpose for the explorer's tests (`PlantedBugs`): no flag, variable
    /// or file sets this, and release builds compile the bugs out.
    package var plantedBugs = PlantedBugs()
    /// The embedded simulator's flight parameters (`--sim-model`, `--sim-exact`).
    package var simulatorParameters: FlightParameters {
        simulatorExact ? .exact(simulatorModel) : .realDrone(simulatorModel)
    }

    /// What happens to a plan that breaks a flight rule (docs/agent.md, "Preflight").
    package var preflight = PreflightPolicy.enforce
    /// The room a real drone flies in, in the world file's format; nil: the embedded
    /// simulator's world, or for a real drone a cylinder of `radius` under `ceiling`.
    package var envelopePath: String?
    /// Tighten the envelope: the highest the drone's top may reach, and a circle around the takeoff point, cm.
    package var ceiling: Double?
    package var radius: Double?
    /// Orders wait for `confirm_plan` (within a minute) instead of flying at once.
    package var confirmPlans = false
    /// Where `token` came from, for the warnings (an empty one given is dropped: see `parse`).
    package var emptyTokenSource: String?

    package init() {}

    /// The documented range of every numeric flag (docs/agent.md lists the same).
    package enum Range {
        /// The embedded simulator's range: the agent scales the same clock.
        package static let timeScale = SimulatorCommandLine.Range.timeScale
        package static let stepPause = 0.0...3600.0
        package static let statusInterval = 0.05...3600.0
        package static let shutdownGrace = 1.0...600.0
        package static let maxConnections = 1...WebSocketServer.defaultMaxConnections
        package static let maxConnectionsPerAddress = 1...WebSocketServer.defaultMaxConnections
        /// KiB of video a viewer may have waiting: a few key frames at least, at most a few seconds of video.
        package static let videoViewerBudgetKiB = 16...65536
        package static let ceiling = 30.0...10_000.0
        package static let radius = 20.0...100_000.0
        /// 64 KiB (two parts of a few hundred lines) to 64 GiB.
        package static let recordMaxBytes = 65_536...68_719_476_736
    }

    package enum Parsed: Sendable, Equatable {
        case run(AgentOptions)
        case help
    }

    package struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        package let message: String
        package var description: String { message }
    }

    package static func parse(_ arguments: [String], environment: [String: String]) throws(Invalid) -> Parsed {
        var options = AgentOptions()
        for name in ["AGENT_PORT", "TELLO_AGENT_PORT"] {  // the more specific one wins
            if let text = environment[name], !text.isEmpty { options.port = try port(text, source: name) }
        }
        // An empty token is never a token, from either source: it means "none" (as an empty
        // variable does in a shell), and the agent says so rather than demand an empty string.
        options.setToken(environment["TELLO_AGENT_TOKEN"], source: "TELLO_AGENT_TOKEN")
        var rest = arguments[...]
        func value(_ flag: String) throws(Invalid) -> String {
            guard let next = rest.popFirst() else { throw Invalid(message: "\(flag) needs a value (see --help)") }
            return next
        }
        func number<Value, Bound>(
            _ flag: String, _ read: (String, String, Bound) throws(FlagError) -> Value, _ range: Bound
        ) throws(Invalid) -> Value {
            let text = try value(flag)
            return try bounded { () throws(FlagError) in try read(text, flag, range) }
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "-h", "--help": return .help
            case "--host": options.host = try value(flag)
            case "--port": options.port = try port(try value(flag), source: flag)
            case "--drone":
                let text = try value(flag)
                guard let target = DroneTarget(text) else { throw Invalid(message: "--drone: expected sim, HOST or HOST:PORT, got \(text)") }
                options.drone = target
            case "--backend": options.backend = try value(flag)
            case "--outbox": options.outbox = try value(flag)
            case "--world": options.worldPath = try value(flag)
            case "--sim-video": options.simulatorVideo = VideoChoice(try value(flag))
            case "--record-video": options.recordVideo = try value(flag)
            case "--record": options.recordPath = try value(flag)
            case "--record-max-bytes": options.recordMaxBytes = try number(flag, BoundedNumber.integer, Range.recordMaxBytes)
            case "--no-console": options.console = false
            case "--video-budget":
                options.videoViewerBudget = try number(flag, BoundedNumber.integer, Range.videoViewerBudgetKiB) * 1024
            case "--sim-model":
                let name = try value(flag)
                guard let model = TelloModel(rawValue: name) else {
                    throw Invalid(message: "--sim-model: expected tello, edu or tt, got \(name)")
                }
                options.simulatorModel = model
            case "--sim-exact": options.simulatorExact = true
            case "--log-level":
                let text = try value(flag)
                guard let level = LogLevel(name: text) else { throw Invalid(message: "--log-level: expected trace, debug, info, warning or error, got \(text)") }
                options.logLevel = level
            case "--log-file": options.logFile = try value(flag)
            case "--token": options.setToken(try value(flag), source: flag)
            case "--allow-origin": options.allowedOrigins.append(try value(flag))
            case "--allow-llm-host": options.allowedLLMHosts.append(try value(flag))
            case "--language":
                let text = try value(flag)
                guard let language = AgentLanguage(rawValue: text) else { throw Invalid(message: "--language: expected zh or en, got \(text)") }
                options.language = language
            case "--time-scale": options.timeScale = try number(flag, BoundedNumber.decimal, Range.timeScale)
            case "--step-pause": options.stepPause = try number(flag, BoundedNumber.seconds, Range.stepPause)
            case "--shutdown-grace":
                options.shutdownGrace = try number(flag, BoundedNumber.seconds, Range.shutdownGrace)
            case "--status-interval":
                options.statusInterval = try number(flag, BoundedNumber.seconds, Range.statusInterval)
            case "--max-connections":
                options.maxConnections = try number(flag, BoundedNumber.integer, Range.maxConnections)
            case "--max-per-address":
                options.maxConnectionsPerAddress = try number(flag, BoundedNumber.integer, Range.maxConnectionsPerAddress)
            case "--preflight":
                let text = try value(flag)
                guard let policy = PreflightPolicy(rawValue: text) else { throw Invalid(message: "--preflight: expected enforce, warn or off, got \(text)") }
                options.preflight = policy
            case "--envelope": options.envelopePath = try value(flag)
            case "--confirm-plans": options.confirmPlans = true
            case "--ceiling": options.ceiling = try number(flag, BoundedNumber.decimal, Range.ceiling)
            case "--radius": options.radius = try number(flag, BoundedNumber.decimal, Range.radius)
            default: throw Invalid(message: "unknown option \(flag) (see --help)")
            }
        }
        guard SocketAddress(host: options.host, port: options.port) != nil else {
            throw Invalid(message: "--host: expected an IPv4 address or localhost, got \(options.host)")
        }
        if options.drone != .simulator && options.worldPath != nil {
            throw Invalid(message: "--world only applies to the embedded simulator; a real drone flies in the real room")
        }
        if options.drone != .simulator && options.simulatorVideo != .render {
            throw Invalid(message: "--sim-video only applies to the embedded simulator; a real drone sends its own camera")
        }
        if options.drone != .simulator && (options.simulatorExact || options.simulatorModel != .tello) {
            throw Invalid(message: "--sim-model and --sim-exact only apply to the embedded simulator; a real drone is what it is")
        }
        if options.drone != .simulator && options.timeScale != 1 {
            throw Invalid(message: "--time-scale only applies to the embedded simulator; a real drone runs in real time")
        }
        return .run(options)
    }

    private static func port(_ text: String, source: String) throws(Invalid) -> UInt16 {
        try bounded { () throws(FlagError) in try BoundedNumber.port(text, flag: source) }
    }

    /// A bounded number, or its refusal as this parser's error.
    private static func bounded<Value>(_ read: () throws(FlagError) -> Value) throws(Invalid) -> Value {
        do { return try read() } catch { throw Invalid(message: error.message) }
    }

    private mutating func setToken(_ text: String?, source: String) {
        guard let text else { return }
        token = text.isEmpty ? nil : text
        emptyTokenSource = text.isEmpty ? source : nil
    }

    package static let help = """
    tello-agent: the 3004 WebSocket agent for a DJI/Ryze Tello (simulator by default)

    Usage: tello-agent [options]

      --host ADDR             address to listen on (default 127.0.0.1; any other address lets the
                              network in: a warning is printed, protect it with --token)
      --port N                WebSocket port (default 3004; env TELLO_AGENT_PORT, AGENT_PORT; 0 = pick one)
      --drone sim|HOST[:PORT] fly the embedded simulator (default) or a Tello / tello-sim at HOST (port 8889)
      --backend URL           3002 backend for AI analyses (default env BACKEND_3002_URL, else http://localhost:3002)
      --outbox PATH           keep undelivered analyses in this file across restarts
      --world FILE            the embedded simulator's room: walls, obstacles, mission pads (JSON;
                              see docs/world.md; default: the standard 40 m hall)
      --sim-video render|clip|off|FILE
                              what the embedded simulator streams after streamon (default render: its
                              camera's view of the world; see docs/tello-sim.md "Camera")
      --record FILE           record the session as JSON lines (docs/recording.md): every WebSocket
                              message, drone datagram, 3002 and LLM exchange, secrets redacted;
                              tello-scenario from-session FILE turns it into a scenario
      --record-max-bytes N    the recording's files (FILE and FILE.1) stay under N bytes together,
                              65536-68719476736 (default 67108864, 64 MiB): the oldest part is dropped
      --record-video FILE     append the drone's video (raw H.264, Annex B) to FILE while it streams
      --video-budget KIB      video one viewer may have waiting before it loses pictures until the
                              next key frame, 16-65536 KiB (default 1024)
      --no-console            do not serve the browser console (http://HOST:PORT/) and /video.h264
      --sim-model M           the embedded simulator is a tello (default), edu or tt (RoboMaster TT, SDK 3.0)
      --sim-exact             the embedded simulator without the real drone's quirks (clean telemetry,
                              SDK-guide timing, every command answered); default: as a real drone behaves
      --log-level L           trace, debug, info, warning, error (default info)
      --log-file PATH         also append log lines to PATH
      --token T               require ?token=T or "Authorization: Bearer T" (env TELLO_AGENT_TOKEN;
                              an empty token from either means none)
      --allow-origin ORIGIN   accept browser pages from ORIGIN too (repeatable; * = any).
                              Default: localhost/127.0.0.1 pages and clients without Origin
      --allow-llm-host HOST   clients may point the AI planner at HOST too (repeatable). Default: loopback
                              and the hosts of the configured AI endpoints; API keys from the
                              environment only ever go to the endpoint they were configured with
      --language zh|en        language of message texts (default zh, as the original)
      --time-scale X          simulated seconds per wall second, 0.01-100 (embedded simulator only; default 1)
      --step-pause S          seconds between plan steps, 0-3600 (default 2, as the original)
      --status-interval S     seconds between drone_status broadcasts, 0.05-3600 (default 2)
      --shutdown-grace S      seconds SIGINT/SIGTERM's shutdown may take before the rest is cancelled, 1-600 (default 30)
      --max-connections N     open WebSocket connections at most, 1-1000 (default 64)
      --max-per-address N     connections one remote address may hold, 1-1000 (default 32;
                              loopback clients are not limited)
      --preflight P           enforce (default): a plan that breaks a flight rule is refused before
                              anything reaches the drone; warn: it flies and the response says so; off
      --envelope FILE         the room a real drone flies in, in the world file's format (docs/world.md);
                              default: the embedded simulator's world, or for a real drone a 300 cm
                              circle around the takeoff point under a 250 cm ceiling
      --confirm-plans         an order flies only once a client sends confirm_plan with its plan_id
                              (within 60 s of the preview)
      --ceiling CM            lower the envelope's ceiling, 30-10000
      --radius CM             fly within CM of the takeoff point, 20-100000
      -h, --help              this text

    AI planner (as the original): AI_PROVIDER (offline|ollama|openai|azure; default offline),
    OLLAMA_BASE_URL, OLLAMA_MODEL, OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL,
    AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_KEY, AZURE_OPENAI_DEPLOYMENT.

    Prints "listening on HOST:PORT" once accepting. SIGINT/SIGTERM: lands the drone if
    flying, closes clients with 1001 and exits 0.
    """
}
