/// What `tello-scenario` was asked to do, parsed from its arguments.
public enum ScenarioCommand: Sendable, Equatable {
    case help
    /// Play scenarios against the agent.
    case run(RunOptions)
    /// Only read the files and report every error, without starting anything.
    case check(paths: [String])
    /// Draw a `tello-agent --record` log (its parts in order) as an HTML trace.
    case trace(logs: [String], output: String)
    /// Show where two transcripts, traces or record logs part.
    case diff(String, String)
    /// Turn a recorded session (`tello-agent --record`) into a scenario file.
    case fromSession(FromSessionOptions)
    /// Generate scenarios from seeds, check invariants, shrink failures (`Explorer`).
    case explore(ExploreOptions)
}

/// `tello-scenario from-session LOG... [-o FILE] [--name NAME]`
public struct FromSessionOptions: Sendable, Equatable {
    /// The log's files in order (`LOG.1 LOG` when it rotated).
    public var logs: [String]
    /// Where the scenario goes; nil: standard output.
    public var output: String?
    /// The scenario's name; nil: the log's file name without extension.
    public var name: String?

    public init(logs: [String], output: String? = nil, name: String? = nil) {
        self.logs = logs
        self.output = output
        self.name = name
    }
}

/// `tello-scenario run PATHS... [--repeat N] [--junit FILE] [--filter NAME] [--record FILE]`
public struct RunOptions: Sendable, Equatable {
    /// Files, or folders meaning every `.json` file in them.
    public var paths: [String]
    /// Runs per scenario; every run must pass and give the same transcript as the first.
    public var repeats: Int
    public var junitPath: String?
    /// Only scenarios whose name contains this text.
    public var filter: String?
    /// Where to write a draft scenario made from the (single) scenario's transcript.
    public var recordPath: String?
    /// Print each transcript after its scenario.
    public var verbose: Bool
    /// Wall time a run may go without any progress before it fails as stuck.
    public var stallTimeout: Duration
    /// Over the machine's sockets instead of in memory.
    public var live: Bool
    /// Scenarios played side by side (in memory only; live runs one at a time).
    public var jobs: Int
    /// Where an HTML trace of each failing run is written (`--trace DIR`).
    public var traceDirectory: String?
    /// Trace every run, not only failing ones (`--trace-all`).
    public var traceAll: Bool

    public init(
        paths: [String], repeats: Int = 1, junitPath: String? = nil, filter: String? = nil, recordPath: String? = nil,
        verbose: Bool = false, stallTimeout: Duration = AgentEngine.defaultStallTimeout, live: Bool = false, jobs: Int = 1,
        traceDirectory: String? = nil, traceAll: Bool = false
    ) {
        self.live = live
        self.jobs = jobs
        self.traceDirectory = traceDirectory
        self.traceAll = traceAll
        self.paths = paths
        self.repeats = repeats
        self.junitPath = junitPath
        self.filter = filter
        self.recordPath = recordPath
        self.verbose = verbose
        self.stallTimeout = stallTimeout
    }
}

/// Bad command-line use: printed with a pointer to `--help`, exit status 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "tello-scenario: \(message) (see tello-scenario --help)" }
}

extension ScenarioCommand {
    /// Repeats are capped: more than this is a typo, not a determinism check.
    public static let maxRepeats = 1000
    /// More parallel runs than this is a typo: each is a thread and a whole agent.
    public static let maxJobs = 64
    /// Below a second a loaded machine trips it; above an hour it no longer saves a CI run.
    public static let stallTimeouts: ClosedRange<Duration> = .seconds(1) ... .seconds(3600)

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws -> ScenarioCommand {
        guard let verb = arguments.first else { throw UsageError("missing a command: run, check, trace, diff, from-session or explore") }
        if arguments.contains("--help") || arguments.contains("-h") || verb == "help" { return .help }
        var rest = arguments.dropFirst()
        switch verb {
        case "run":
            var options = RunOptions(paths: [])
            while let argument = rest.popFirst() {
                func value() throws -> String {
                    guard let next = rest.popFirst(), !next.hasPrefix("--") else { throw UsageError("\(argument) needs a value") }
                    return next
                }
                switch argument {
                case "--repeat":
                    let text = try value()
                    guard let count = Int(text), (1...maxRepeats).contains(count) else {
                        throw UsageError("--repeat needs a whole number from 1 to \(maxRepeats), not \"\(text)\"")
                    }
                    options.repeats = count
                case "--junit": options.junitPath = try value()
                case "--filter": options.filter = try value()
                case "--record": options.recordPath = try value()
                case "--verbose", "-v": options.verbose = true
                case "--live": options.live = true
                case "--jobs":
                    let text = try value()
                    guard let count = Int(text), (1...maxJobs).contains(count) else {
                        throw UsageError("--jobs needs a whole number from 1 to \(maxJobs), not \"\(text)\"")
                    }
                    options.jobs = count
                case "--stall-timeout":
                    let text = try value()
                    guard let limit = ScenarioDuration.parse(text), stallTimeouts.contains(limit) else {
                        throw UsageError("--stall-timeout needs a duration from 1s to 60m with its unit (\"90s\", \"5m\"), not \"\(text)\"")
                    }
                    options.stallTimeout = limit
                case "--trace": options.traceDirectory = try value()
                case "--trace-all": options.traceAll = true
                default:
                    if argument.hasPrefix("-") { throw UsageError("unknown option \(argument)") }
                    options.paths.append(argument)
                }
            }
            guard !options.paths.isEmpty else { throw UsageError("run needs at least one scenario file or folder") }
            if options.live, options.jobs > 1 {
                throw UsageError("--jobs needs runs in memory: live runs share the machine's sockets and go one at a time")
            }
            if options.traceAll, options.traceDirectory == nil { throw UsageError("--trace-all needs --trace DIR (where the traces go)") }
            return .run(options)
        case "explore":
            return .explore(try ExploreOptions.parse(rest))
        case "check":
            let paths = Array(rest)
            if let option = paths.first(where: { $0.hasPrefix("-") }) { throw UsageError("unknown option \(option)") }
            guard !paths.isEmpty else { throw UsageError("check needs at least one scenario file or folder") }
            return .check(paths: paths)
        case "trace": return try parseTrace(rest)
        case "diff": return try parseDiff(rest)
        case "from-session":
            var options = FromSessionOptions(logs: [])
            while let argument = rest.popFirst() {
                func value() throws -> String {
                    guard let next = rest.popFirst() else { throw UsageError("\(argument) needs a value") }
                    return next
                }
                switch argument {
                case "-o", "--output": options.output = try value()
                case "--name": options.name = try value()
                default:
                    guard !argument.hasPrefix("-") else { throw UsageError("unknown option \(argument) for from-session") }
                    options.logs.append(argument)
                }
            }
            guard !options.logs.isEmpty else { throw UsageError("from-session needs a recorded session (tello-agent --record FILE)") }
            return .fromSession(options)
        default:
            throw UsageError("unknown command \"\(verb)\"; expected run, check, trace, diff, from-session or explore")
        }
    }

    public static let helpText = """
        tello-scenario: plays scenario files against the real agent, in-process: in memory by default
        (an in-memory network, a virtual clock and an executor of the run's own), or over real
        loopback sockets with --live.

        A scenario file (JSON) scripts WebSocket clients, the 3002 backend, an LLM endpoint and
        simulator faults, and says what must happen. See docs/scenario.md and docs/scenario.schema.json.

        Usage:
          tello-scenario run PATHS... [--repeat N] [--junit FILE] [--filter NAME] [--record FILE] [--verbose]
                             [--stall-timeout DURATION] [--live] [--jobs N] [--trace DIR [--trace-all]]
          tello-scenario check PATHS...
          tello-scenario trace LOG... [-o FILE]
          tello-scenario diff A B
          tello-scenario from-session LOG... [-o FILE] [--name NAME]
          tello-scenario explore [--seeds N] [--start S] [--jobs N] [--minutes M] [--out DIR] [--print]
                                 [--first] [--shrink-runs N] [--stall-timeout DURATION]
          tello-scenario explore --replay FILE
          tello-scenario --help

        PATHS are scenario files or folders (a folder means every .json file in it, in name order).

        run       plays each scenario and prints a progress line per scenario and a summary
                  with the library's wall time and virtual flight time.
          --repeat N      run each scenario N times (default 1); every run must pass and give a
                          transcript identical to the first, byte for byte
          --junit FILE    also write a JUnit XML report to FILE
          --filter NAME   only scenarios whose name contains NAME
          --record FILE   write a draft scenario made from the transcript (needs exactly one scenario)
          --verbose, -v   print each scenario's transcript
          --live          over real loopback sockets and the kernel's view of idle, as a real
                          deployment runs (transcripts must be identical to the in-memory ones)
          --jobs N        play N scenarios side by side, each on its own executor (in memory only;
                          default 1, at most 64); output stays in library order
          --stall-timeout DURATION
                          a run that makes no progress at all (no step, message, log line, request
                          or clock move) for this long in wall time fails, printing what it was
                          waiting for: the step, the clients, the next timer, pending work and every
                          open socket (default 60s; from 1s to 60m)
          --trace DIR     write a self-contained HTML trace of each failing run into DIR: a lane per
                          client, the agent, the drone link, 3002 and the LLM, fault periods shaded,
                          every message clickable, height/yaw/battery and the track, the failed step
          --trace-all     with --trace: a trace of every run, passing or not
        check     reads the files and reports every error (file, JSON path, what was expected)
        trace     draws a tello-agent --record log as the same HTML trace (default FILE: LOG with .html);
                  give LOG.1 LOG when the log rotated
        diff      shows where two transcripts, traces or record logs part: the first differing
                  event with its context, then a summary per channel (exit status 0 same, 1 different)
        from-session
                  turns a session recorded by tello-agent --record LOG into a scenario that replays
                  it without the drone (docs/recording.md): the clients' messages as steps, the
                  agent's as expectations, the drone's answers as the simulator's script, 3002 and
                  LLM exchanges as the mocks' scripts. Give LOG.1 LOG when the log rotated.
          -o FILE         write the scenario to FILE (default: standard output)
          --name NAME     the scenario's name (default: the log's file name)

        explore   generates a scenario per seed (clients, requests, faults), runs it, checks the
                  invariants (docs/scenario.md, "The explorer") and shrinks every failing one
          --seeds N       how many seeds (default 1), from --start S (default 1)
          --jobs N        run N seeds side by side, each on its own executor (default: one per
                          core, at most 64); the output is the same for any N, in seed order
          --minutes M     start no new seed after M minutes of wall time
          --out DIR       write each shrunk scenario, and its seed's whole scenario, into DIR
          --print         print each seed's generated scenario before running it
          --first         stop after the first seed that breaks an invariant
          --shrink-runs N runs the shrinker may spend on a failing seed (default 150)
          --replay FILE   run one scenario file (a shrunk one, say) and check the invariants

        Exit status: 0 if everything passed (diff: the same), 1 if a scenario failed or an invariant
        broke (diff: different), 2 for bad arguments or files.
        """
}
