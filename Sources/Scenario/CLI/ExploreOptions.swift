import Foundation

/// `tello-scenario explore --seeds N [--start S] [--jobs J] [--minutes M] [--out DIR] [--replay FILE]`
public struct ExploreOptions: Sendable, Equatable {
    /// How many seeds, from `start` on.
    public var seeds: UInt64
    public var start: UInt64
    /// Stop starting new seeds once this much wall time has passed.
    public var minutes: Double?
    /// Where shrunk scenarios (and their seeds' whole scenarios) are written.
    public var outDirectory: String?
    /// Check the invariants over one scenario file instead of generated ones.
    public var replay: String?
    public var stallTimeout: Duration
    /// Print each seed's generated scenario before running it.
    public var printScenarios = false
    /// Stop after the first seed that breaks an invariant.
    public var stopAtFirst = false
    /// Runs the shrinker may spend on one failing seed.
    public var shrinkRuns = 150
    /// Seeds run at once, each on a thread of its own; the output is the same for any count.
    public var jobs = ExploreOptions.defaultJobs

    public init(
        seeds: UInt64 = 1, start: UInt64 = 1, minutes: Double? = nil, outDirectory: String? = nil, replay: String? = nil,
        stallTimeout: Duration = AgentEngine.defaultStallTimeout
    ) {
        self.seeds = seeds
        self.start = start
        self.minutes = minutes
        self.outDirectory = outDirectory
        self.replay = replay
        self.stallTimeout = stallTimeout
    }

    /// Seeds are capped: a million runs is days of exploring, more is a typo.
    public static let maxSeeds: UInt64 = 1_000_000

    /// A seed's run keeps a core busy, so by default as many run at once as there are cores.
    public static var defaultJobs: Int { min(max(1, ProcessInfo.processInfo.activeProcessorCount), ScenarioCommand.maxJobs) }

    static func parse(_ arguments: ArraySlice<String>) throws -> ExploreOptions {
        var rest = arguments
        var options = ExploreOptions()
        var seedsGiven = false
        while let argument = rest.popFirst() {
            func value() throws -> String {
                guard let next = rest.popFirst(), !next.hasPrefix("--") else { throw UsageError("\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--seeds":
                let text = try value()
                guard let count = UInt64(text), (1...maxSeeds).contains(count) else {
                    throw UsageError("--seeds needs a whole number from 1 to \(maxSeeds), not \"\(text)\"")
                }
                options.seeds = count
                seedsGiven = true
            case "--start":
                let text = try value()
                guard let start = UInt64(text), start <= UInt64.max - maxSeeds else {
                    throw UsageError("--start needs a whole number from 0, not \"\(text)\"")
                }
                options.start = start
            case "--minutes":
                let text = try value()
                guard let minutes = Double(text), minutes > 0, minutes <= 24 * 60 else {
                    throw UsageError("--minutes needs a number of minutes above 0 and at most a day, not \"\(text)\"")
                }
                options.minutes = minutes
            case "--jobs":
                let text = try value()
                guard let jobs = Int(text), (1...ScenarioCommand.maxJobs).contains(jobs) else {
                    throw UsageError("--jobs needs a whole number from 1 to \(ScenarioCommand.maxJobs), not \"\(text)\"")
                }
                options.jobs = jobs
            case "--out": options.outDirectory = try value()
            case "--print": options.printScenarios = true
            case "--first": options.stopAtFirst = true
            case "--shrink-runs":
                let text = try value()
                guard let runs = Int(text), (0...10_000).contains(runs) else {
                    throw UsageError("--shrink-runs needs a whole number from 0 to 10000, not \"\(text)\"")
                }
                options.shrinkRuns = runs
            case "--replay": options.replay = try value()
            case "--stall-timeout":
                let text = try value()
                guard let limit = ScenarioDuration.parse(text), ScenarioCommand.stallTimeouts.contains(limit) else {
                    throw UsageError("--stall-timeout needs a duration from 1s to 60m with its unit (\"90s\", \"5m\"), not \"\(text)\"")
                }
                options.stallTimeout = limit
            default:
                throw UsageError("unknown option \(argument) for explore")
            }
        }
        if options.replay != nil, seedsGiven { throw UsageError("explore takes --seeds or --replay, not both") }
        return options
    }
}
